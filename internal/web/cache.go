package web

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"sync"
)

// Versioned is a Ledger that can say when it changed (store.Store is one):
// its DataVersion moves with every commit, by this process or another.
type Versioned interface {
	DataVersion(ctx context.Context) (string, bool)
}

// respCache keeps the answers to GET requests until the ledger changes.
// Pages and API answers depend on nothing but their URL and the ledger, and
// a ledger changes in bursts (an ingest, then nothing for hours): while it
// stays the same, a repeated request — the series list, a popular series
// — costs a map look-up instead of its queries and its template. The
// version is read before the answer is made, so an answer is never kept
// under a version older than its data; a commit in between only costs a
// refill.
type respCache struct {
	ledger Versioned
	mu     sync.Mutex
	ver    string
	m      map[string]*cached
}

type cached struct {
	header http.Header
	body   []byte
}

// Bounds: answers over maxCachedBody are not kept (a search listing
// thousands of figures), nor more than maxCached answers per version.
const (
	maxCached     = 1024
	maxCachedBody = 1 << 20
)

func (c *respCache) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// What a token opens is never kept: a kept answer is served to
		// whoever asks next.
		if r.Method != http.MethodGet || r.Header.Get("Authorization") != "" || strings.HasPrefix(r.URL.Path, "/admin/") {
			next.ServeHTTP(w, r)
			return
		}
		ver, ok := c.ledger.DataVersion(r.Context())
		if !ok {
			next.ServeHTTP(w, r)
			return
		}
		k := r.URL.RequestURI()
		c.mu.Lock()
		if c.ver != ver {
			c.ver, c.m = ver, map[string]*cached{}
		}
		hit := c.m[k]
		c.mu.Unlock()
		if hit != nil {
			for name, v := range hit.header {
				w.Header()[name] = v
			}
			w.WriteHeader(http.StatusOK)
			w.Write(hit.body)
			return
		}
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		if rec.status != http.StatusOK || rec.body.Len() > maxCachedBody {
			return
		}
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.ver == ver && len(c.m) < maxCached {
			c.m[k] = &cached{header: rec.Header().Clone(), body: rec.body.Bytes()}
		}
	})
}

// recorder passes an answer through while keeping a copy of it.
type recorder struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (r *recorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.body.Len() <= maxCachedBody {
		r.body.Write(b)
	}
	return r.ResponseWriter.Write(b)
}
