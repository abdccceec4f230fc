package fetch

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// GetIf sends the validators back and reads a 304 as NotModified.
func TestGetIf(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` || r.Header.Get("If-Modified-Since") == "Mon, 02 Jan 2006 15:04:05 GMT" {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Last-Modified", "Mon, 02 Jan 2006 15:04:05 GMT")
		w.Write([]byte(page))
	}))
	defer srv.Close()
	c := New(Options{AllowPrivate: true})
	ctx := context.Background()
	r, err := c.GetIf(ctx, srv.URL, "", "")
	if err != nil || r.NotModified || r.ETag != `"v1"` || r.LastModifiedText == "" {
		t.Fatalf("first GET: %+v, %v", r, err)
	}
	for _, v := range [][2]string{{r.ETag, ""}, {"", r.LastModifiedText}} {
		r, err := c.GetIf(ctx, srv.URL, v[0], v[1])
		if err != nil || !r.NotModified || len(r.Body) != 0 {
			t.Errorf("GetIf(%q): %+v, %v", v, r, err)
		}
	}
	// A 304 to an unconditional GET is an error, as before.
	r, err = c.GetIf(ctx, srv.URL, `"old"`, "")
	if err != nil || r.NotModified {
		t.Errorf("stale validator: %+v, %v", r, err)
	}
}

// PostJSON follows the address rules of Get.
func TestPostJSON(t *testing.T) {
	var got string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" {
			w.WriteHeader(http.StatusBadRequest)
		}
		got = string(b)
	}))
	defer srv.Close()
	if err := New(Options{AllowPrivate: true}).PostJSON(context.Background(), srv.URL, []byte(`{"a":1}`)); err != nil || got != `{"a":1}` {
		t.Errorf("PostJSON: %v, server got %q", err, got)
	}
	err := New(Options{}).PostJSON(context.Background(), srv.URL, []byte(`{}`))
	if !errors.Is(err, ErrRefused) {
		t.Errorf("PostJSON to loopback without AllowPrivate: %v, want ErrRefused", err)
	}
}
