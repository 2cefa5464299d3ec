package web

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/wheel"
)

type loginData struct {
	Next, Name string
	SSO        bool
}

func (a *App) loginPage(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	render(w, r, http.StatusOK, loginTemplate, page{Title: titleLogin(r),
		Body: loginData{Next: safeNext(r.URL.Query().Get("neste")), SSO: a.SSO != nil}})
}

func titleLogin(*http.Request) string { return "Logg inn" }

// login checks the form's name and password. Every failure shows the form
// again with the same words (200, as a form with a message), so the page never tells whether a user exists; failures
// are throttled per account and address by Accounts. On success the
// session is a new one (rotated), and the browser goes where it was going.
func (a *App) login(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		a.fail(w, r, http.StatusBadRequest, "bad_request", msgSignInFail)
		return
	}
	name, pw, next := r.PostForm.Get("namn"), r.PostForm.Get("passord"), safeNext(r.PostForm.Get("neste"))
	ctx := r.Context()
	u, err := a.Accounts.Authenticate(ctx, name, pw, clientAddr(r, a.BehindProxy))
	if errors.Is(err, access.ErrSignIn) {
		render(w, r, http.StatusOK, loginTemplate, page{Title: titleLogin(r), Message: msgSignInFail[langOf(r)],
			Body: loginData{Next: next, Name: name, SSO: a.SSO != nil}})
		return
	}
	if err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	a.signedIn(w, r, u, next, "password")
}

// signedIn starts u's session, records it and redirects to next.
func (a *App) signedIn(w http.ResponseWriter, r *http.Request, u access.User, next, how string) {
	ctx := access.WithActor(r.Context(), access.Actor{Name: u.Name, Addr: clientAddr(r, a.BehindProxy)})
	if err := a.startSession(ctx, w, r, u); err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	if err := access.Record(ctx, a.Store, a.now(), access.ActionLogin, how); err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// logout ends this browser's session.
func (a *App) logout(w http.ResponseWriter, r *http.Request) {
	if hash, _ := r.Context().Value(sessionKey).(string); hash != "" {
		if err := a.Store.DeleteSession(r.Context(), hash); err != nil {
			a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
			return
		}
	}
	a.clearCookie(w)
	if err := access.Record(r.Context(), a.Store, a.now(), access.ActionLogout, ""); err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	http.Redirect(w, r, "/logg-inn", http.StatusSeeOther)
}

// logoutEverywhere ends every session of the signed-in user, on every
// browser.
func (a *App) logoutEverywhere(w http.ResponseWriter, r *http.Request) {
	u, _ := CurrentUser(r)
	n, err := a.Store.DeleteUserSessions(r.Context(), u.ID)
	if err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	a.clearCookie(w)
	if err := access.Record(r.Context(), a.Store, a.now(), access.ActionLogoutAll, pluralSessions(n)); err != nil {
		a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
		return
	}
	http.Redirect(w, r, "/logg-inn", http.StatusSeeOther)
}

func pluralSessions(n int) string {
	if n == 1 {
		return "1 session"
	}
	return strconv.Itoa(n) + " sessions"
}

func (a *App) home(w http.ResponseWriter, r *http.Request) {
	title := "Helsebudsjett"
	render(w, r, http.StatusOK, homeTemplate, page{Title: title, Year: a.lettersYear()})
}

// lettersYear is the year whose oppdragsbrev the pages offer first: from
// October the next year's are the ones the units work towards.
func (a *App) lettersYear() int {
	now := a.now().In(wheel.Oslo())
	if now.Month() >= time.October {
		return now.Year() + 1
	}
	return now.Year()
}

func ignoreNotFound(err error) error {
	if budget.ErrorCode(err) == budget.ENOTFOUND {
		return nil
	}
	return err
}
