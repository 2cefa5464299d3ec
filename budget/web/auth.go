package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
)

type ctxKey int

const (
	userKey ctxKey = iota
	permitKey
	sessionKey
	langKey
)

// CurrentUser returns the signed-in user of a request a route's handler
// serves; ok is false on a public route with no one signed in.
func CurrentUser(r *http.Request) (access.User, bool) {
	u, ok := r.Context().Value(userKey).(access.User)
	return u, ok
}

// RequireUnit answers 403 and returns false when the signed-in user may
// not see unit on this route (an enhet user and another unit's code);
// handlers that find a unit outside the path call it before they answer.
func RequireUnit(w http.ResponseWriter, r *http.Request, unit string) bool {
	u, _ := CurrentUser(r)
	p, _ := r.Context().Value(permitKey).(access.Permit)
	p.UnitBound = true
	if p.Allows(u, unit) {
		return true
	}
	forbidden(w, r)
	return false
}

// SeesAllUnits reports whether the signed-in user sees every unit on this
// route; when false, a listing shows only the user's own Units.
func SeesAllUnits(r *http.Request) bool {
	u, _ := CurrentUser(r)
	p, _ := r.Context().Value(permitKey).(access.Permit)
	p.UnitBound = true
	return p.SeesAllUnits(u)
}

// guard is the one middleware every route runs behind: it sets the
// security headers, finds who is calling (an API token, else the session
// cookie), and lets the request through only when the route admits the
// caller: no one signed in gets 401 (API) or the sign-in page, a role the
// route does not admit 403.
func (a *App) guard(rt Route) http.Handler {
	permit := access.Permit{Roles: rt.Roles, UnitBound: rt.Unit != ""}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		securityHeaders(w.Header(), !rt.Public)
		if r.Method == http.MethodGet && !isAPI(r.URL.Path) {
			rememberLang(w, r, a.Secure)
		}
		u, sess, ok, err := a.caller(w, r)
		if err != nil {
			a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
			return
		}
		ctx := r.Context()
		if ok {
			ctx = context.WithValue(ctx, userKey, u)
			ctx = access.WithActor(ctx, access.Actor{Name: u.Name, Addr: clientAddr(r, a.BehindProxy)})
		} else {
			ctx = access.WithActor(ctx, access.Actor{Addr: clientAddr(r, a.BehindProxy)})
		}
		if sess != "" {
			ctx = context.WithValue(ctx, sessionKey, sess)
		}
		ctx = context.WithValue(ctx, permitKey, permit)
		ctx = context.WithValue(ctx, langKey, a.Lang)
		r = r.WithContext(ctx)
		if !rt.Public {
			if !ok {
				a.unauthenticated(w, r)
				return
			}
			unit := ""
			if rt.Unit != "" {
				unit = r.PathValue(rt.Unit)
			}
			if !permit.Allows(u, unit) {
				forbidden(w, r)
				return
			}
		}
		rt.Handler(w, r)
	})
}

// caller finds the user of a request: a Bearer token, else a live session.
// sess is the session's hash. A request with a bad token is not signed in,
// whatever cookie it carries.
func (a *App) caller(w http.ResponseWriter, r *http.Request) (u access.User, sess string, ok bool, err error) {
	ctx := r.Context()
	if h := r.Header.Get("Authorization"); h != "" {
		tok, found := strings.CutPrefix(h, "Bearer ")
		if !found || !access.LooksLikeToken(tok) {
			return u, "", false, nil
		}
		u, err := a.Store.UserByToken(ctx, access.HashSecret(tok), a.now())
		if err != nil {
			return u, "", false, ignoreNotFound(err)
		}
		return u, "", true, nil
	}
	c, err := r.Cookie(a.cookieName())
	if err != nil || c.Value == "" {
		return u, "", false, nil
	}
	hash := access.HashSecret(c.Value)
	// Read a touch still being written before the session, so that one
	// written in between is found in one or the other.
	pending, _ := pendingTouches.Load(hash)
	s, err := a.Store.Session(ctx, hash)
	if err != nil {
		return u, "", false, ignoreNotFound(err)
	}
	if t, ok := pending.(time.Time); ok && t.After(s.LastSeen) {
		s.LastSeen = t
	}
	now := a.now()
	if !a.lifetimes().Live(s, now) {
		_ = a.Store.DeleteSession(ctx, hash)
		a.clearCookie(w)
		return u, "", false, nil
	}
	if u, err = a.Store.UserByID(ctx, s.UserID); err != nil {
		return u, "", false, ignoreNotFound(err)
	}
	// Touch at most once a minute: a page's every request need not write.
	if now.Sub(s.LastSeen) > time.Minute {
		a.touch(hash, now)
	}
	return u, hash, true, nil
}

// pendingTouches holds, by session hash, the time of a session's use that
// touch is still writing (package-wide: hashes are unique to a session).
var pendingTouches sync.Map

// touch records that the session hash was used at now without making the
// request wait: the write waits for the workspace's write lock, which a
// long import holds for many seconds (BenchmarkReadersDuringImport saw
// every reader's page fail with 500 when the request waited). Until it is
// written, caller counts the idle timeout from the time kept in
// pendingTouches; a touch that fails is dropped, and the next request
// tries again.
func (a *App) touch(hash string, now time.Time) {
	if _, busy := pendingTouches.Swap(hash, now); busy {
		return // the goroutine writing this session's touch writes the newer time too
	}
	go func() {
		for {
			v, ok := pendingTouches.Load(hash)
			if !ok {
				return
			}
			t := v.(time.Time)
			if err := a.Store.TouchSession(context.Background(), hash, t); err != nil {
				pendingTouches.Delete(hash)
				return
			}
			if pendingTouches.CompareAndDelete(hash, t) {
				return
			}
			// A newer use came while this one was written: write it too.
		}
	}()
}

func (a *App) cookieName() string {
	if a.Secure {
		return "__Host-helsebudsjett" // the browser keeps it to this host, HTTPS and Path=/
	}
	return "helsebudsjett"
}

// startSession signs u in: it ends the session the request came with (so
// an identifier planted before sign-in is worthless: no session fixation),
// makes a new one and sets its cookie.
func (a *App) startSession(ctx context.Context, w http.ResponseWriter, r *http.Request, u access.User) error {
	if c, err := r.Cookie(a.cookieName()); err == nil && c.Value != "" {
		if err := a.Store.DeleteSession(ctx, access.HashSecret(c.Value)); err != nil {
			return err
		}
	}
	id, hash := access.NewSessionID()
	now := a.now()
	s := access.Session{Hash: hash, UserID: u.ID, Created: now, LastSeen: now, Addr: clientAddr(r, a.BehindProxy)}
	if err := a.Store.CreateSession(ctx, s); err != nil {
		return err
	}
	http.SetCookie(w, &http.Cookie{Name: a.cookieName(), Value: id, Path: "/", HttpOnly: true, Secure: a.Secure,
		SameSite: http.SameSiteLaxMode})
	return nil
}

func (a *App) clearCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: a.cookieName(), Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: a.Secure, SameSite: http.SameSiteLaxMode})
}

// unauthenticated answers a request that needs a sign-in: 401 with a JSON
// body for the API, else a redirect to the sign-in page that comes back here.
func (a *App) unauthenticated(w http.ResponseWriter, r *http.Request) {
	if isAPI(r.URL.Path) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="helsebudsjett"`)
		writeError(w, http.StatusUnauthorized, "unauthenticated", "sign in first: send 'Authorization: Bearer TOKEN' (helsebudsjett user token NAME)")
		return
	}
	next := r.URL.RequestURI()
	http.Redirect(w, r, "/logg-inn?neste="+url.QueryEscape(next), http.StatusSeeOther)
}

// forbidden answers 403: JSON for the API, a page otherwise.
func forbidden(w http.ResponseWriter, r *http.Request) {
	if isAPI(r.URL.Path) {
		writeError(w, http.StatusForbidden, "forbidden", "your roles do not give access to this")
		return
	}
	renderMessage(w, r, http.StatusForbidden, msgForbidden)
}

// fail answers an error: JSON for the API, a page otherwise.
func (a *App) fail(w http.ResponseWriter, r *http.Request, status int, code string, m msg) {
	if isAPI(r.URL.Path) {
		writeError(w, status, code, m["en"])
		return
	}
	renderMessage(w, r, status, m)
}

func (a *App) notFound(w http.ResponseWriter, r *http.Request) {
	a.fail(w, r, http.StatusNotFound, "not_found", msgNotFound)
}

func (a *App) crossOrigin(w http.ResponseWriter, r *http.Request) {
	securityHeaders(w.Header(), true)
	a.fail(w, r, http.StatusForbidden, "cross_origin", msgCrossOrigin)
}

// APIError is the body of every error the API answers.
type APIError struct {
	Error string `json:"error"`
	Code  string `json:"code"`
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	writeJSON(w, status, APIError{Error: message, Code: code})
}

// writeJSON answers v as indented JSON, the shape the CLI's --json prints.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

func (a *App) apiMe(w http.ResponseWriter, r *http.Request) {
	u, _ := CurrentUser(r)
	writeJSON(w, http.StatusOK, u)
}
