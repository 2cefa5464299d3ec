package web

import (
	"bytes"
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"go.yaml.in/yaml/v3"
	"golang.org/x/oauth2"

	"github.com/helsebudsjett/helsebudsjett/budget"
	"github.com/helsebudsjett/helsebudsjett/budget/access"
)

// SSOConfig is serve's --oidc file: the municipality's identity provider
// (Entra ID and the like) and how its claims give roles.
type SSOConfig struct {
	Issuer          string     `yaml:"issuer"`            // as in the provider's discovery document
	ClientID        string     `yaml:"client_id"`         // the application registered with the provider
	ClientSecretEnv string     `yaml:"client_secret_env"` // the environment variable holding the client secret
	RedirectURL     string     `yaml:"redirect_url"`      // https://HOST/sso/callback
	Scopes          []string   `yaml:"scopes"`            // beside openid; default profile, email
	UsernameClaim   string     `yaml:"username_claim"`    // default preferred_username
	GroupsClaim     string     `yaml:"groups_claim"`      // a string or list of strings; default groups
	Roles           []RoleRule `yaml:"roles"`
}

// RoleRule gives Role (bound to Units for enhet) to everyone whose groups
// claim holds Group (a group's object id or name, as the provider sends it).
type RoleRule struct {
	Group string   `yaml:"group"`
	Role  string   `yaml:"role"`
	Units []string `yaml:"units"`
}

// ParseSSOConfig reads and checks an --oidc file. Unknown keys are errors,
// so a misspelt key is never silently ignored.
func ParseSSOConfig(name string, data []byte) (SSOConfig, error) {
	var c SSOConfig
	dec := yaml.NewDecoder(bytesReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return c, budget.Errorf(budget.EINVALID, "%s: %v", name, err)
	}
	if c.UsernameClaim == "" {
		c.UsernameClaim = "preferred_username"
	}
	if c.GroupsClaim == "" {
		c.GroupsClaim = "groups"
	}
	if c.Scopes == nil {
		c.Scopes = []string{"profile", "email"}
	}
	for _, f := range []struct{ key, v string }{{"issuer", c.Issuer}, {"client_id", c.ClientID}, {"redirect_url", c.RedirectURL}} {
		if f.v == "" {
			return c, budget.Errorf(budget.EINVALID, "%s: give %s", name, f.key)
		}
	}
	if len(c.Roles) == 0 {
		return c, budget.Errorf(budget.EINVALID, "%s: give roles: the groups that give each role; without them no one could sign in", name)
	}
	for i, r := range c.Roles {
		role, err := access.ParseRole(r.Role)
		if err != nil {
			return c, budget.Errorf(budget.EINVALID, "%s: roles[%d]: %v", name, i, err)
		}
		if r.Group == "" {
			return c, budget.Errorf(budget.EINVALID, "%s: roles[%d]: give the group", name, i)
		}
		if (role == access.Enhet) != (len(r.Units) > 0) {
			return c, budget.Errorf(budget.EINVALID, "%s: roles[%d]: units go with the enhet role, and the enhet role needs units", name, i)
		}
	}
	return c, nil
}

// User maps an ID token's claims to a user: the name from UsernameClaim,
// the roles (and units) of every rule whose group the groups claim holds.
// A user no rule gives a role is an EINVALID error: it may not sign in.
func (c SSOConfig) User(claims map[string]any) (access.User, error) {
	name, _ := claims[c.UsernameClaim].(string)
	if name == "" {
		return access.User{}, budget.Errorf(budget.EINVALID, "the identity provider sent no %s claim", c.UsernameClaim)
	}
	var groups []string
	switch g := claims[c.GroupsClaim].(type) {
	case string:
		groups = []string{g}
	case []any:
		for _, v := range g {
			if s, ok := v.(string); ok {
				groups = append(groups, s)
			}
		}
	}
	u := access.User{Name: name}
	for _, r := range c.Roles {
		if !slices.Contains(groups, r.Group) {
			continue
		}
		role := access.Role(r.Role)
		if !u.Has(role) {
			u.Roles = append(u.Roles, role)
		}
		for _, unit := range r.Units {
			if !u.HasUnit(unit) {
				u.Units = append(u.Units, unit)
			}
		}
	}
	if len(u.Roles) == 0 {
		return u, budget.Errorf(budget.EINVALID, "%s has no group that gives a role here", name)
	}
	slices.Sort(u.Units)
	return u, u.Validate()
}

// SSO signs users in with an OpenID Connect provider: the authorization
// code flow with PKCE, state and nonce; the ID token checked by go-oidc.
type SSO struct {
	cfg      SSOConfig
	issuer   string
	verifier *oidc.IDTokenVerifier
	oauth    oauth2.Config

	mu      sync.Mutex
	pending map[string]pendingLogin // by state
}

type pendingLogin struct {
	nonce, verifier, next string
	expires               time.Time
}

// NewSSO fetches the provider's discovery document and keys.
func NewSSO(ctx context.Context, cfg SSOConfig, clientSecret string) (*SSO, error) {
	p, err := oidc.NewProvider(ctx, cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("single sign-on: the identity provider %s: %w", cfg.Issuer, err)
	}
	return &SSO{
		cfg:      cfg,
		issuer:   cfg.Issuer,
		verifier: p.Verifier(&oidc.Config{ClientID: cfg.ClientID}),
		oauth: oauth2.Config{ClientID: cfg.ClientID, ClientSecret: clientSecret, Endpoint: p.Endpoint(),
			RedirectURL: cfg.RedirectURL, Scopes: append([]string{oidc.ScopeOpenID}, cfg.Scopes...)},
		pending: map[string]pendingLogin{},
	}, nil
}

const ssoCookie = "helsebudsjett_sso"

func (a *App) ssoStart(w http.ResponseWriter, r *http.Request) {
	if a.SSO == nil {
		a.notFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	state, _ := access.NewSessionID()
	nonce, _ := access.NewSessionID()
	verifier := oauth2.GenerateVerifier()
	a.SSO.put(state, pendingLogin{nonce: nonce, verifier: verifier, next: safeNext(r.URL.Query().Get("neste")),
		expires: a.now().Add(10 * time.Minute)}, a.now())
	http.SetCookie(w, &http.Cookie{Name: ssoCookie, Value: state, Path: "/sso/", MaxAge: 600, HttpOnly: true,
		Secure: a.Secure, SameSite: http.SameSiteLaxMode})
	http.Redirect(w, r, a.SSO.oauth.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), http.StatusFound)
}

func (a *App) ssoCallback(w http.ResponseWriter, r *http.Request) {
	if a.SSO == nil {
		a.notFound(w, r)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	http.SetCookie(w, &http.Cookie{Name: ssoCookie, Value: "", Path: "/sso/", MaxAge: -1, HttpOnly: true, Secure: a.Secure, SameSite: http.SameSiteLaxMode})
	u, subject, next, err := a.SSO.finish(r, a.now())
	ctx := r.Context()
	if err == nil {
		u, err = a.Store.SSOUser(ctx, a.SSO.issuer, subject, u)
	}
	if err != nil {
		if rerr := access.Record(ctx, a.Store, a.now(), access.ActionLoginFailed, "single sign-on: "+err.Error()); rerr != nil {
			a.fail(w, r, http.StatusInternalServerError, "internal", msgInternal)
			return
		}
		renderMessage(w, r, http.StatusForbidden, msgSSOFail)
		return
	}
	a.signedIn(w, r, u, next, "single sign-on")
}

// finish checks the callback: the state matches this browser's cookie and
// a pending sign-in, the code exchanges (with the PKCE verifier) for an ID
// token the provider signed for this client, with the nonce sent. It
// returns the user the claims map to, the token's subject and where to go.
func (s *SSO) finish(r *http.Request, now time.Time) (u access.User, subject, next string, err error) {
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		return u, "", "", fmt.Errorf("the identity provider answered %s", e)
	}
	c, cerr := r.Cookie(ssoCookie)
	state := q.Get("state")
	if cerr != nil || state == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(state)) != 1 {
		return u, "", "", errors.New("the state does not match this browser's")
	}
	p, ok := s.take(state, now)
	if !ok {
		return u, "", "", errors.New("no sign-in was started with this state, or it expired")
	}
	ctx := r.Context()
	tok, err := s.oauth.Exchange(ctx, q.Get("code"), oauth2.VerifierOption(p.verifier))
	if err != nil {
		return u, "", "", fmt.Errorf("code exchange: %w", err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return u, "", "", errors.New("the token response has no id_token")
	}
	idt, err := s.verifier.Verify(ctx, raw)
	if err != nil {
		return u, "", "", fmt.Errorf("ID token: %w", err)
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(p.nonce)) != 1 {
		return u, "", "", errors.New("the ID token's nonce is not the one sent")
	}
	var claims map[string]any
	if err := idt.Claims(&claims); err != nil {
		return u, "", "", err
	}
	if u, err = s.cfg.User(claims); err != nil {
		return u, "", "", err
	}
	return u, idt.Subject, p.next, nil
}

// put keeps a pending sign-in, dropping expired ones and, past 10 000,
// the lot (an attacker starting sign-ins in bulk only delays real users').
func (s *SSO) put(state string, p pendingLogin, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.pending) >= 10_000 {
		for k, v := range s.pending {
			if now.After(v.expires) {
				delete(s.pending, k)
			}
		}
		if len(s.pending) >= 10_000 {
			clear(s.pending)
		}
	}
	s.pending[state] = p
}

// take removes and returns the pending sign-in of state, if not expired:
// a state is good for one callback only.
func (s *SSO) take(state string, now time.Time) (pendingLogin, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.pending[state]
	delete(s.pending, state)
	return p, ok && now.Before(p.expires)
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }
