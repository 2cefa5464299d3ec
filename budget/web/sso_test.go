package web_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"

	"github.com/helsebudsjett/helsebudsjett/budget/access"
	"github.com/helsebudsjett/helsebudsjett/budget/web"
	"github.com/helsebudsjett/helsebudsjett/budget/web/webtest"
)

// idp is a minimal OpenID Connect provider: discovery, an authorization
// endpoint that signs in whoever claims says at once, a token endpoint
// that checks the client secret and the PKCE verifier, and its keys.
type idp struct {
	srv    *httptest.Server
	key    *rsa.PrivateKey
	secret string

	mu     sync.Mutex
	claims map[string]any // the next user's claims (sub, preferred_username, groups)
	codes  map[string]grant
	nonce  string // overrides the nonce in the next token when set
}

type grant struct{ nonce, challenge string }

func newIDP(t *testing.T) *idp {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &idp{key: key, secret: "hemmelig", codes: map[string]grant{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		u := p.srv.URL
		_ = json.NewEncoder(w).Encode(map[string]any{"issuer": u, "authorization_endpoint": u + "/authorize",
			"token_endpoint": u + "/token", "jwks_uri": u + "/keys", "response_types_supported": []string{"code"},
			"subject_types_supported": []string{"public"}, "id_token_signing_alg_values_supported": []string{"RS256"}})
	})
	mux.HandleFunc("GET /keys", func(w http.ResponseWriter, r *http.Request) {
		_ = json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &p.key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
	})
	mux.HandleFunc("GET /authorize", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("client_id") != "helsebudsjett" || q.Get("response_type") != "code" || q.Get("code_challenge_method") != "S256" || q.Get("nonce") == "" {
			http.Error(w, "bad authorization request: "+r.URL.RawQuery, 400)
			return
		}
		code := rand.Text()
		p.mu.Lock()
		p.codes[code] = grant{nonce: q.Get("nonce"), challenge: q.Get("code_challenge")}
		p.mu.Unlock()
		http.Redirect(w, r, q.Get("redirect_uri")+"?code="+code+"&state="+url.QueryEscape(q.Get("state")), http.StatusFound)
	})
	mux.HandleFunc("POST /token", func(w http.ResponseWriter, r *http.Request) {
		id, sec, ok := r.BasicAuth()
		if !ok {
			id, sec = r.FormValue("client_id"), r.FormValue("client_secret")
		}
		p.mu.Lock()
		g, found := p.codes[r.FormValue("code")]
		delete(p.codes, r.FormValue("code"))
		claims := map[string]any{}
		for k, v := range p.claims {
			claims[k] = v
		}
		if p.nonce != "" {
			g.nonce = p.nonce
		}
		p.mu.Unlock()
		sum := sha256.Sum256([]byte(r.FormValue("code_verifier")))
		if id != "helsebudsjett" || sec != p.secret || !found || base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge {
			w.WriteHeader(400)
			_, _ = w.Write([]byte(`{"error":"invalid_grant"}`))
			return
		}
		now := time.Now()
		claims["iss"], claims["aud"], claims["nonce"] = p.srv.URL, "helsebudsjett", g.nonce
		claims["iat"], claims["exp"] = now.Unix(), now.Add(5*time.Minute).Unix()
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"access_token": "at", "token_type": "Bearer", "expires_in": 300,
			"id_token": p.sign(t, claims)})
	})
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	return p
}

func (p *idp) sign(t *testing.T, claims map[string]any) string {
	sig, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: p.key},
		(&jose.SignerOptions{}).WithType("JWT").WithHeader("kid", "k1"))
	if err != nil {
		t.Error(err)
		return ""
	}
	payload, _ := json.Marshal(claims)
	obj, err := sig.Sign(payload)
	if err != nil {
		t.Error(err)
		return ""
	}
	s, _ := obj.CompactSerialize()
	return s
}

func (p *idp) set(claims map[string]any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.claims = claims
}

const ssoYAML = `issuer: %s
client_id: helsebudsjett
client_secret_env: OIDC_SECRET
redirect_url: %s/sso/callback
groups_claim: groups
roles:
  - group: g-admin
    role: admin
  - group: g-okonomi
    role: okonomi
  - group: g-enhet-helse
    role: enhet
    units: ["3100", "3200"]
`

func ssoEnv(t *testing.T) (*webtest.Env, *idp) {
	t.Helper()
	env := webtest.New(t)
	p := newIDP(t)
	cfg, err := web.ParseSSOConfig("oidc.yaml", []byte(strings.NewReplacer("%s/sso", env.URL+"/sso", "issuer: %s", "issuer: "+p.srv.URL).Replace(ssoYAML)))
	if err != nil {
		t.Fatal(err)
	}
	if env.App.SSO, err = web.NewSSO(context.Background(), cfg, p.secret); err != nil {
		t.Fatal(err)
	}
	return env, p
}

// browser follows redirects across the application and the provider and
// records the URLs it visited.
func browser(visited *[]string) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, CheckRedirect: func(r *http.Request, _ []*http.Request) error {
		*visited = append(*visited, r.URL.String())
		return nil
	}}
}

func TestSSO_roundTrip(t *testing.T) {
	env, p := ssoEnv(t)
	p.set(map[string]any{"sub": "entra-oid-1", "preferred_username": "kari@fjordvik.kommune.no", "groups": []string{"g-enhet-helse", "g-other"}})
	var visited []string
	c := browser(&visited)
	resp, body := env.Get(t, c, "/sso/start?neste=%2Fapi%2Fv1%2Fme")
	if resp.StatusCode != 200 || resp.Request.URL.Path != "/api/v1/me" {
		t.Fatalf("sign-in ended at %s %s: %s (visited %v)", resp.Request.URL, resp.Status, body, visited)
	}
	var me access.User
	if err := json.Unmarshal([]byte(body), &me); err != nil {
		t.Fatal(err)
	}
	want := access.User{Name: "kari@fjordvik.kommune.no", Roles: []access.Role{access.Enhet}, Units: []string{"3100", "3200"}}
	if !reflect.DeepEqual(me, want) {
		t.Errorf("signed in as %+v, want %+v", me, want)
	}
	if len(visited) < 3 || !strings.HasPrefix(visited[0], p.srv.URL+"/authorize?") || !strings.Contains(visited[0], "code_challenge=") {
		t.Errorf("the flow did not go through the provider with PKCE: %v", visited)
	}

	t.Run("replayed callback", func(t *testing.T) {
		var callback string
		for _, v := range visited {
			if strings.Contains(v, "/sso/callback?") {
				callback = v
			}
		}
		resp, _ := env.Get(t, env.NewClient(), strings.TrimPrefix(callback, env.URL))
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("a callback replayed by another browser: %s, want 403", resp.Status)
		}
	})
	t.Run("roles follow the provider", func(t *testing.T) {
		p.set(map[string]any{"sub": "entra-oid-1", "preferred_username": "kari@fjordvik.kommune.no", "groups": []string{"g-okonomi", "g-admin"}})
		var v []string
		resp, body := env.Get(t, browser(&v), "/sso/start?neste=%2Fadmin%2Flogg")
		if resp.StatusCode != 200 || resp.Request.URL.Path != "/admin/logg" {
			t.Fatalf("ended at %s %s", resp.Request.URL, resp.Status)
		}
		if !strings.Contains(body, "login") || !strings.Contains(body, "single sign-on") {
			t.Errorf("the audit page lacks the sign-in")
		}
		us, _ := env.DB.Users(context.Background())
		n := 0
		for _, u := range us {
			if u.Name == "kari@fjordvik.kommune.no" {
				n++
				if !reflect.DeepEqual(u.Roles, []access.Role{access.Admin, access.Okonomi}) || len(u.Units) != 0 {
					t.Errorf("roles after the second sign-in: %+v", u)
				}
			}
		}
		if n != 1 {
			t.Errorf("%d users for one subject", n)
		}
	})
	t.Run("no role", func(t *testing.T) {
		p.set(map[string]any{"sub": "entra-oid-2", "preferred_username": "ola@fjordvik.kommune.no", "groups": []string{"g-other"}})
		var v []string
		c := browser(&v)
		resp, body := env.Get(t, c, "/sso/start")
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "ingen rolle") {
			t.Errorf("a user without a mapped group: %s", resp.Status)
		}
		if resp, _ := env.Get(t, c, "/api/v1/me"); resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("the refused user is signed in: %s", resp.Status)
		}
		log, _ := env.DB.AuditLog(context.Background(), access.AuditQuery{Action: access.ActionLoginFailed})
		if len(log) == 0 || !strings.Contains(log[len(log)-1].Detail, "ola@fjordvik.kommune.no has no group") {
			t.Errorf("the refusal is not in the audit log: %+v", log)
		}
	})
	t.Run("wrong nonce", func(t *testing.T) {
		p.set(map[string]any{"sub": "entra-oid-1", "preferred_username": "kari@fjordvik.kommune.no", "groups": []string{"g-admin"}})
		p.mu.Lock()
		p.nonce = "another"
		p.mu.Unlock()
		defer func() { p.mu.Lock(); p.nonce = ""; p.mu.Unlock() }()
		var v []string
		c := browser(&v)
		if resp, _ := env.Get(t, c, "/sso/start"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("an ID token with another nonce: %s, want 403", resp.Status)
		}
	})
	t.Run("local account not taken over", func(t *testing.T) {
		p.set(map[string]any{"sub": "entra-oid-3", "preferred_username": "admin", "groups": []string{"g-okonomi"}})
		var v []string
		if resp, _ := env.Get(t, browser(&v), "/sso/start"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("single sign-on as the local admin's name: %s, want 403", resp.Status)
		}
	})
}

func TestParseSSOConfig(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"unknown key", "issuer: x\nclient_id: y\nredirect_url: z\nrole: []\n", "field role not found"},
		{"no roles", "issuer: x\nclient_id: y\nredirect_url: z\n", "give roles"},
		{"bad role", "issuer: x\nclient_id: y\nredirect_url: z\nroles: [{group: g, role: root}]\n", "unknown role"},
		{"enhet without units", "issuer: x\nclient_id: y\nredirect_url: z\nroles: [{group: g, role: enhet}]\n", "units"},
		{"no issuer", "client_id: y\nredirect_url: z\nroles: [{group: g, role: admin}]\n", "give issuer"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := web.ParseSSOConfig("oidc.yaml", []byte(tc.yaml))
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "oidc.yaml") {
				t.Errorf("err %v, want %q", err, tc.want)
			}
		})
	}
}
