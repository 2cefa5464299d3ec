package web

import (
	"net"
	"net/http"
	"strings"
)

// contentSecurityPolicy admits nothing but the server's own style sheets
// and images: no script at all (inline or not), no framing, forms posted
// only back to the server.
const contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// securityHeaders sets the headers every response carries. Responses of
// routes that need a sign-in are never cached: they may hold unpublished
// figures.
func securityHeaders(h http.Header, private bool) {
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	if private {
		h.Set("Cache-Control", "no-store")
	}
}

// clientAddr is the address a request came from: the connection's peer,
// or, behind a reverse proxy, the address the proxy saw (the last entry of
// X-Forwarded-For, the one the proxy itself added; earlier entries are the
// client's word and not trusted).
func clientAddr(r *http.Request, behindProxy bool) string {
	if behindProxy {
		if xff := r.Header.Values("X-Forwarded-For"); len(xff) > 0 {
			last := xff[len(xff)-1]
			if i := strings.LastIndexByte(last, ','); i >= 0 {
				last = last[i+1:]
			}
			if a := strings.TrimSpace(last); a != "" {
				return a
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
