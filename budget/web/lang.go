package web

import (
	"net/http"
)

// msg is a text in bokmål, nynorsk and (for the API) English.
type msg map[string]string

var (
	msgInternal    = msg{"nb": "Noe gikk galt hos oss. Prøv igjen, eller kontakt den som drifter løsningen.", "nn": "Noko gjekk gale hos oss. Prøv igjen, eller kontakt den som driftar løysinga.", "en": "internal error"}
	msgForbidden   = msg{"nb": "Du har ikke tilgang til denne siden med rollene dine.", "nn": "Du har ikkje tilgang til denne sida med rollene dine.", "en": "your roles do not give access to this"}
	msgNotFound    = msg{"nb": "Siden finnes ikke.", "nn": "Sida finst ikkje.", "en": "not found"}
	msgCrossOrigin = msg{"nb": "Forespørselen kom fra et annet nettsted og ble avvist.", "nn": "Førespurnaden kom frå ein annan nettstad og vart avvist.", "en": "cross-origin request refused"}
	msgSignInFail  = msg{"nb": "Feil brukernavn eller passord, eller for mange forsøk. Vent noen minutter og prøv igjen.", "nn": "Feil brukarnamn eller passord, eller for mange forsøk. Vent nokre minutt og prøv igjen.", "en": "wrong user name or password, or too many attempts"}
	msgSSOFail     = msg{"nb": "Innloggingen via kommunens pålogging mislyktes, eller brukeren din har ingen rolle her. Prøv igjen, eller kontakt administrator.", "nn": "Innlogginga via kommunen si pålogging mislukkast, eller brukaren din har inga rolle her. Prøv igjen, eller kontakt administrator.", "en": "single sign-on failed, or your account has no role here"}
)

const langCookie = "sprak"

// langOf is the language of a request: ?lang=nb|nn, else the language
// cookie, else the server's default (bokmål unless serve --lang nn).
func langOf(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); l == "nb" || l == "nn" {
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil && (c.Value == "nb" || c.Value == "nn") {
		return c.Value
	}
	if l, _ := r.Context().Value(langKey).(string); l == "nn" {
		return "nn"
	}
	return "nb"
}

// rememberLang keeps a language chosen by ?lang= for the next pages.
func rememberLang(w http.ResponseWriter, r *http.Request, secure bool) {
	if l := r.URL.Query().Get("lang"); l == "nb" || l == "nn" {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: l, Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
	}
}
