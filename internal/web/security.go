package web

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// contentSecurityPolicy allows only the server's own scripts, styles and
// images: article text that slipped through escaping still could not run
// a script, load one from elsewhere, or send a form off-site. The chart
// is inline SVG, which needs no exception; colours are presentation
// attributes, not inline styles.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// secure wraps every response with the security headers, refuses requests
// for other hosts on a loopback server, and turns a panic in a handler
// into a 500 instead of a dropped connection.
func (s *Server) secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		if s.opt.LoopbackOnly && !loopbackHost(r.Host) {
			// A page on another site whose name resolves to 127.0.0.1
			// (DNS rebinding) must not read the ledger.
			s.fail(w, r, http.StatusMisdirectedRequest, "", fmt.Sprintf(
				"this server answers only requests for localhost, not %q; start it with a public --addr and a --token to serve others", r.Host))
			return
		}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.opt.Log.Printf("tally serve: %s %s: panic: %v", r.Method, r.URL.Path, p)
				s.fail(w, r, http.StatusInternalServerError, "", "internal error; see the server log")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// CheckAddr decides whether the server may listen on addr. A loopback
// address is always fine. Anything else (":8080", "0.0.0.0:8080", a LAN
// address) exposes the ledger to the network, so it needs a token: the
// operator has then thought about who may reach the server, and ingest is
// guarded. The pages and read API stay open to anyone who can connect;
// the caller should say so. loopback reports which case addr is.
func CheckAddr(addr string, haveToken bool) (loopback bool, err error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("bad --addr %q: want HOST:PORT, e.g. 127.0.0.1:8080", addr)
	}
	if loopbackHost(host) && host != "" {
		return true, nil
	}
	if !haveToken {
		return false, fmt.Errorf("--addr %q is not a loopback address: serving the ledger to the network needs --token (or TALLY_TOKEN); for this machine only use 127.0.0.1:PORT", addr)
	}
	return false, nil
}

// NewHTTPServer wraps h in an http.Server with timeouts, so slow or idle
// clients cannot hold connections (and goroutines) for ever.
func NewHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute, // an ingest of many documents takes a while
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

// authorized checks the request's bearer token in constant time. With no
// token configured nothing is authorized.
func (s *Server) authorized(r *http.Request) (ok bool, status int, msg string) {
	if s.opt.Token == "" {
		return false, http.StatusForbidden, "ingest is disabled on this server: start tally serve with --token (or TALLY_TOKEN) to allow it"
	}
	if s.opt.Ingester == nil {
		return false, http.StatusForbidden, "this server cannot ingest: it was started without an ingester"
	}
	auth := r.Header.Get("Authorization")
	scheme, tok, found := strings.Cut(auth, " ")
	if !found || !strings.EqualFold(scheme, "Bearer") {
		return false, http.StatusUnauthorized, "ingest needs the server's token: send the header 'Authorization: Bearer TOKEN'"
	}
	// Compare digests so the comparison takes the same time whatever
	// the lengths.
	a, b := sha256.Sum256([]byte(strings.TrimSpace(tok))), sha256.Sum256([]byte(s.opt.Token))
	if subtle.ConstantTimeCompare(a[:], b[:]) != 1 {
		return false, http.StatusUnauthorized, "wrong token: send the token tally serve was started with, as 'Authorization: Bearer TOKEN'"
	}
	return true, 0, ""
}
