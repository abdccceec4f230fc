package fetch

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const page = "<html><head><title>Floods</title></head><body><p>About 4,200 people fled.</p></body></html>"

// testServer serves every case the client must handle; it never touches
// the network beyond loopback.
func testServer(t *testing.T) *httptest.Server {
	t.Helper()
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestCompression)
	zeros := make([]byte, 1<<20)
	for range 8 { // 8 MiB of zeros in about 8 KB
		zw.Write(zeros)
	}
	zw.Close()

	mux := http.NewServeMux()
	mux.HandleFunc("/article", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Last-Modified", "Mon, 23 Dec 2024 10:00:00 GMT")
		fmt.Fprint(w, page)
	})
	mux.HandleFunc("/ua", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, r.UserAgent())
	})
	mux.HandleFunc("/redirect/", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscanf(strings.TrimPrefix(r.URL.Path, "/redirect/"), "%d", &n)
		if n <= 0 {
			http.Redirect(w, r, "/article", http.StatusFound)
			return
		}
		http.Redirect(w, r, fmt.Sprintf("/redirect/%d", n-1), http.StatusMovedPermanently)
	})
	mux.HandleFunc("/to-ftp", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "ftp://example.com/a", http.StatusFound)
	})
	mux.HandleFunc("/slow-headers", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	mux.HandleFunc("/slow-body", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		for range 50 {
			if _, err := w.Write([]byte("<p>more</p>")); err != nil {
				return
			}
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	})
	mux.HandleFunc("/big-declared", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", fmt.Sprint(2<<20))
		w.Write(bytes.Repeat([]byte("a"), 2<<20))
	})
	mux.HandleFunc("/big-chunked", func(w http.ResponseWriter, r *http.Request) {
		chunk := bytes.Repeat([]byte("a"), 64<<10)
		for range 32 { // 2 MiB, no Content-Length
			if _, err := w.Write(chunk); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/bomb", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		w.Write(bomb.Bytes())
	})
	mux.HandleFunc("/gzipped", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Content-Encoding", "gzip")
		zw := gzip.NewWriter(w)
		zw.Write([]byte(page))
		zw.Close()
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusInternalServerError)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestGet(t *testing.T) {
	srv := testServer(t)
	c := New(Options{AllowPrivate: true, Timeout: 500 * time.Millisecond, MaxBytes: 1 << 20, MaxRedirects: 3})
	ctx := context.Background()

	cases := []struct {
		name, path string
		wantBody   string // for successes
		wantFinal  string // path of FinalURL, for successes
		wantKind   error  // for failures
		wantReason string // substring of the message, for failures
	}{
		{name: "article", path: "/article", wantBody: page, wantFinal: "/article"},
		{name: "user agent", path: "/ua", wantBody: DefaultUserAgent, wantFinal: "/ua"},
		{name: "gzip decoded", path: "/gzipped", wantBody: page, wantFinal: "/gzipped"},
		{name: "redirects within limit", path: "/redirect/2", wantBody: page, wantFinal: "/article"},
		{name: "too many redirects", path: "/redirect/5", wantKind: ErrTooManyRedirects, wantReason: ": too many redirects (more than 3)"},
		{name: "redirect to ftp", path: "/to-ftp", wantKind: ErrBadURL, wantReason: `redirected to a "ftp" URL (only http and https are fetched)`},
		{name: "slow headers", path: "/slow-headers", wantKind: ErrTimeout, wantReason: "/slow-headers: timed out after 500ms"},
		{name: "slow body", path: "/slow-body", wantKind: ErrTimeout, wantReason: "/slow-body: timed out after 500ms"},
		{name: "declared oversize", path: "/big-declared", wantKind: ErrTooLarge, wantReason: "/big-declared: response larger than 1 MiB"},
		{name: "chunked oversize", path: "/big-chunked", wantKind: ErrTooLarge, wantReason: "/big-chunked: response larger than 1 MiB"},
		{name: "gzip bomb", path: "/bomb", wantKind: ErrTooLarge, wantReason: "/bomb: response larger than 1 MiB once gzip-decoded"},
		{name: "404", path: "/missing", wantKind: ErrStatus, wantReason: "/missing: HTTP 404 Not Found"},
		{name: "500", path: "/broken", wantKind: ErrStatus, wantReason: "/broken: HTTP 500 Internal Server Error"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			resp, err := c.Get(ctx, srv.URL+tc.path)
			if tc.wantKind != nil {
				if err == nil {
					t.Fatalf("no error, got %d bytes", len(resp.Body))
				}
				if !errors.Is(err, tc.wantKind) || !strings.Contains(err.Error(), tc.wantReason) {
					t.Fatalf("err = %q (kind %v), want %q (kind %v)", err, errors.Unwrap(err), tc.wantReason, tc.wantKind)
				}
				if !strings.HasPrefix(err.Error(), srv.URL+tc.path+": ") {
					t.Errorf("error %q does not start with the URL", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(resp.Body) != tc.wantBody {
				t.Errorf("body = %.80q, want %.80q", resp.Body, tc.wantBody)
			}
			if resp.FinalURL != srv.URL+tc.wantFinal {
				t.Errorf("FinalURL = %q, want %q", resp.FinalURL, srv.URL+tc.wantFinal)
			}
		})
	}
}

func TestGetMetadata(t *testing.T) {
	srv := testServer(t)
	c := New(Options{AllowPrivate: true})
	resp, err := c.Get(context.Background(), srv.URL+"/article")
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 || resp.MediaType() != "text/html" || resp.ContentType != "text/html; charset=utf-8" {
		t.Errorf("status %d, content type %q (%q)", resp.StatusCode, resp.ContentType, resp.MediaType())
	}
	if want := time.Date(2024, 12, 23, 10, 0, 0, 0, time.UTC); !resp.LastModified.Equal(want) {
		t.Errorf("LastModified = %v", resp.LastModified)
	}
}

// Without AllowPrivate, nothing on this machine is reachable: not by IP,
// not by a name that resolves to it.
func TestGetRefusesPrivate(t *testing.T) {
	srv := testServer(t)
	c := New(Options{})
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	for _, u := range []string{
		srv.URL + "/article",
		"http://localhost:" + port + "/article",
	} {
		_, err := c.Get(context.Background(), u)
		if !errors.Is(err, ErrRefused) {
			t.Fatalf("%s: err = %v, want refused", u, err)
		}
		if !strings.Contains(err.Error(), "is a loopback address (use --allow-private to allow)") {
			t.Errorf("message %q", err)
		}
	}
	want := srv.URL + "/article: refused: 127.0.0.1 is a loopback address (use --allow-private to allow)"
	if _, err := c.Get(context.Background(), srv.URL+"/article"); err == nil || err.Error() != want {
		t.Errorf("message = %q, want %q", err, want)
	}
}

func TestGetBadURL(t *testing.T) {
	c := New(Options{})
	cases := map[string]string{
		"ftp://example.com/a":  `ftp://example.com/a: unsupported scheme "ftp" (only http and https are fetched)`,
		"file:///etc/passwd":   `file:///etc/passwd: unsupported scheme "file" (only http and https are fetched)`,
		"http:///no-host":      "http:///no-host: URL has no host",
		"http://a b.example/x": "http://a b.example/x: not a valid URL",
	}
	for u, want := range cases {
		_, err := c.Get(context.Background(), u)
		if !errors.Is(err, ErrBadURL) || err.Error() != want {
			t.Errorf("%s: err = %q, want %q", u, err, want)
		}
	}
}

func TestGetConnectionRefused(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	c := New(Options{AllowPrivate: true})
	_, err = c.Get(context.Background(), "http://"+addr+"/")
	if !errors.Is(err, ErrNetwork) || !strings.Contains(err.Error(), "connection refused") {
		t.Errorf("err = %v", err)
	}
}

func TestGetCanceled(t *testing.T) {
	srv := testServer(t)
	c := New(Options{AllowPrivate: true})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(50*time.Millisecond, cancel)
	_, err := c.Get(ctx, srv.URL+"/slow-headers")
	if !errors.Is(err, ErrCanceled) {
		t.Errorf("err = %v, want canceled", err)
	}
}

// No more than PerHost requests reach one host at once.
func TestGetPerHostLimit(t *testing.T) {
	var inFlight, most atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := inFlight.Add(1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(30 * time.Millisecond)
		inFlight.Add(-1)
		fmt.Fprint(w, "ok")
	}))
	defer srv.Close()
	c := New(Options{AllowPrivate: true, PerHost: 2})
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if _, err := c.Get(context.Background(), fmt.Sprintf("%s/%d", srv.URL, i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got := most.Load(); got > 2 || got < 1 {
		t.Errorf("at most %d requests in flight, want 2", got)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.hosts) != 0 {
		t.Errorf("%d idle hosts kept", len(c.hosts))
	}
}

func TestNonPublic(t *testing.T) {
	cases := map[string]string{
		"127.0.0.1":        "a loopback address",
		"127.8.9.10":       "a loopback address",
		"::1":              "a loopback address",
		"::ffff:127.0.0.1": "a loopback address",
		"10.1.2.3":         "a private address",
		"172.16.0.1":       "a private address",
		"192.168.1.1":      "a private address",
		"fd00::1":          "a private address",
		"169.254.169.254":  "a link-local address",
		"fe80::1":          "a link-local address",
		"0.0.0.0":          "an unspecified address",
		"::":               "an unspecified address",
		"0.1.2.3":          `a "this network" address`,
		"224.0.0.1":        "a multicast address",
		"ff02::1":          "a multicast address",
		"255.255.255.255":  "a broadcast address",
		"100.100.100.200":  "a shared (carrier-grade NAT) address",
		"93.184.215.14":    "",
		"8.8.8.8":          "",
		"2606:4700::1111":  "",
	}
	for s, want := range cases {
		if got := nonPublic(netip.MustParseAddr(s)); got != want {
			t.Errorf("%s: %q, want %q", s, got, want)
		}
	}
}

func TestFormatBytes(t *testing.T) {
	cases := map[int64]string{10 << 20: "10 MiB", 1536 << 10: "1.5 MiB", 512 << 10: "512 KiB", 100: "100 bytes"}
	for n, want := range cases {
		if got := FormatBytes(n); got != want {
			t.Errorf("FormatBytes(%d) = %q, want %q", n, got, want)
		}
	}
}
