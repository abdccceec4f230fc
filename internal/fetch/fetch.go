// Package fetch is the HTTP client tally uses for articles and feeds: safe
// by default and polite to the sites it reads.
//
// Safe: a request has a total time limit, a body size limit (applied after
// gzip decoding, so a small compressed "bomb" cannot fill memory), a
// redirect limit, and it is refused when it would connect to a private,
// loopback, link-local, unspecified or multicast address. That check runs
// at connect time on the address actually dialled (net.Dialer.Control),
// so neither a redirect nor a DNS answer that changes between look-ups
// (DNS rebinding) can steer a fetch to a machine on the user's network.
// Environment proxies are not used: through a proxy the dialled address
// would be the proxy's, and the check would mean nothing.
//
// Polite: a User-Agent that names tally and where to read about it, and at
// most Options.PerHost requests in flight to one host.
//
// Every error is an *Error whose message names the URL and says what went
// wrong in plain words (DESIGN.md, "Bad input").
package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Defaults for the zero Options fields.
const (
	DefaultTimeout      = 20 * time.Second
	DefaultMaxBytes     = 10 << 20
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "tally/0.1 (+https://github.com/tally-news/tally)"
	DefaultPerHost      = 2
)

// Options control a Client. The zero value is the safe default.
type Options struct {
	// Timeout bounds one request from connecting to the last body byte,
	// redirects included (time spent waiting for a per-host slot is not
	// counted). 0 means DefaultTimeout.
	Timeout time.Duration
	// MaxBytes caps the (decoded) body; a larger one is an error. 0 means
	// DefaultMaxBytes.
	MaxBytes int64
	// MaxRedirects is how many redirects are followed; 0 means
	// DefaultMaxRedirects, a negative value follows none.
	MaxRedirects int
	// UserAgent is sent with every request; "" means DefaultUserAgent.
	UserAgent string
	// AllowPrivate lets requests reach private, loopback and link-local
	// addresses (a test server, an intranet site); off by default so that
	// a URL in a feed cannot make tally probe the user's own network.
	AllowPrivate bool
	// PerHost is the number of requests in flight to one host at a time;
	// 0 means DefaultPerHost.
	PerHost int
}

func (o Options) withDefaults() Options {
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxRedirects == 0 {
		o.MaxRedirects = DefaultMaxRedirects
	} else if o.MaxRedirects < 0 {
		o.MaxRedirects = 0
	}
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.PerHost <= 0 {
		o.PerHost = DefaultPerHost
	}
	return o
}

// Response is a fetched 2xx response with its whole body.
type Response struct {
	URL          string    // the URL asked for
	FinalURL     string    // where the body came from, after redirects
	StatusCode   int       // 2xx
	ContentType  string    // the Content-Type header, as sent ("" if none)
	Body         []byte    // decoded (gzip) body, at most Options.MaxBytes
	LastModified time.Time // the Last-Modified header; zero if none or unreadable
	// ETag and LastModifiedText are the validators a conditional request
	// sends back (GetIf), as the server sent them.
	ETag, LastModifiedText string
	// NotModified: GetIf's validators still hold (HTTP 304); Body is
	// empty.
	NotModified bool
}

// MediaType is the response's media type, lower case, without parameters
// ("text/html"); "" when the server sent none or an unreadable one.
func (r *Response) MediaType() string {
	mt, _, err := mime.ParseMediaType(r.ContentType)
	if err != nil {
		return ""
	}
	return mt
}

// Kinds of failure, for errors.Is on an *Error: callers count them and
// tests check them without matching message text.
var (
	ErrBadURL           = errors.New("bad URL")
	ErrRefused          = errors.New("refused address")
	ErrTooLarge         = errors.New("response too large")
	ErrTimeout          = errors.New("timed out")
	ErrTooManyRedirects = errors.New("too many redirects")
	ErrStatus           = errors.New("HTTP error status")
	ErrNetwork          = errors.New("network error")
	ErrCanceled         = errors.New("canceled")
)

// Error is a failed fetch.
type Error struct {
	URL    string // the URL asked for
	Reason string // what went wrong, in plain words
	Kind   error  // one of the Err* values
	Status int    // the HTTP status, for ErrStatus
}

func (e *Error) Error() string { return e.URL + ": " + e.Reason }

// Unwrap lets errors.Is(err, fetch.ErrTimeout) and the like work.
func (e *Error) Unwrap() error { return e.Kind }

// Client fetches pages. It is safe for concurrent use; share one per run so
// that the per-host limit holds across all goroutines.
type Client struct {
	opts   Options
	client *http.Client

	mu    sync.Mutex
	hosts map[string]*hostSlots
}

// hostSlots is a counting semaphore for one host, with a count of users so
// that idle hosts can be dropped from the map.
type hostSlots struct {
	slots chan struct{}
	users int
}

// New returns a Client with opts (zero fields take their defaults).
func New(opts Options) *Client {
	opts = opts.withDefaults()
	dialer := &net.Dialer{Timeout: opts.Timeout, KeepAlive: 30 * time.Second}
	if !opts.AllowPrivate {
		dialer.Control = refusePrivate
	}
	transport := &http.Transport{
		Proxy:                 nil, // see the package comment
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		MaxIdleConnsPerHost:   opts.PerHost,
		MaxConnsPerHost:       opts.PerHost,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   opts.Timeout,
		ExpectContinueTimeout: time.Second,
		// DisableCompression stays false: the transport then asks for
		// gzip and decodes it, and the size limit applies to the decoded
		// bytes.
	}
	c := &Client{opts: opts, hosts: map[string]*hostSlots{}}
	c.client = &http.Client{
		Transport:     transport,
		CheckRedirect: c.checkRedirect,
	}
	return c
}

// Options returns the client's options with defaults filled in.
func (c *Client) Options() Options { return c.opts }

// redirectError is returned by checkRedirect; Get turns it into an *Error.
type redirectError struct {
	kind   error
	reason string
}

func (e *redirectError) Error() string { return e.reason }

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.opts.MaxRedirects {
		return &redirectError{ErrTooManyRedirects, fmt.Sprintf("too many redirects (more than %d)", c.opts.MaxRedirects)}
	}
	if s := req.URL.Scheme; s != "http" && s != "https" {
		return &redirectError{ErrBadURL, fmt.Sprintf("redirected to a %q URL (only http and https are fetched)", s)}
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	return nil
}

// accept asks for what tally reads: pages and feeds.
const accept = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,*/*;q=0.5"

// Get fetches rawURL and returns its body. A non-2xx status, a body over
// the size limit, a refused address, a timeout or any network failure is
// an *Error naming the URL.
func (c *Client) Get(ctx context.Context, rawURL string) (*Response, error) {
	return c.GetIf(ctx, rawURL, "", "")
}

// GetIf is a conditional GET: it sends etag as If-None-Match and
// lastModified as If-Modified-Since (each when not empty, as a previous
// Response gave them), and a 304 answer is a Response with NotModified
// set. A feed polled so costs its server nothing when it has not changed.
func (c *Client) GetIf(ctx context.Context, rawURL, etag, lastModified string) (*Response, error) {
	return c.do(ctx, http.MethodGet, rawURL, etag, lastModified, nil)
}

// PostJSON POSTs body as application/json to rawURL (a webhook), with the
// same address rules, limits and politeness as Get; any non-2xx answer is
// an *Error.
func (c *Client) PostJSON(ctx context.Context, rawURL string, body []byte) error {
	_, err := c.do(ctx, http.MethodPost, rawURL, "", "", body)
	return err
}

func (c *Client) do(ctx context.Context, method, rawURL, etag, lastModified string, body []byte) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, &Error{URL: rawURL, Reason: "not a valid URL", Kind: ErrBadURL}
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, &Error{URL: rawURL, Reason: fmt.Sprintf("unsupported scheme %q (only http and https are fetched)", u.Scheme), Kind: ErrBadURL}
	}
	if u.Host == "" {
		return nil, &Error{URL: rawURL, Reason: "URL has no host", Kind: ErrBadURL}
	}

	release, err := c.acquire(ctx, strings.ToLower(u.Host))
	if err != nil {
		return nil, &Error{URL: rawURL, Reason: "canceled", Kind: ErrCanceled}
	}
	defer release()

	ctx, cancel := context.WithTimeoutCause(ctx, c.opts.Timeout, errOwnTimeout)
	defer cancel()
	var reqBody io.Reader
	if body != nil {
		reqBody = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), reqBody)
	if err != nil {
		return nil, &Error{URL: rawURL, Reason: "not a valid URL: " + err.Error(), Kind: ErrBadURL}
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", accept)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}

	resp, err := c.client.Do(req)
	if err != nil {
		if resp != nil {
			resp.Body.Close()
		}
		return nil, c.classify(ctx, rawURL, err)
	}
	defer resp.Body.Close()

	if resp.StatusCode == http.StatusNotModified && (etag != "" || lastModified != "") {
		return &Response{URL: rawURL, FinalURL: resp.Request.URL.String(), StatusCode: resp.StatusCode, NotModified: true,
			ETag: etag, LastModifiedText: lastModified}, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, &Error{URL: rawURL, Reason: "HTTP " + resp.Status, Kind: ErrStatus, Status: resp.StatusCode}
	}
	limit := c.opts.MaxBytes
	if resp.ContentLength > limit {
		return nil, c.tooLarge(rawURL, false)
	}
	got, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, c.classify(ctx, rawURL, err)
	}
	if int64(len(got)) > limit {
		return nil, c.tooLarge(rawURL, resp.Uncompressed)
	}
	r := &Response{
		URL:         rawURL,
		FinalURL:    resp.Request.URL.String(),
		StatusCode:  resp.StatusCode,
		ContentType: resp.Header.Get("Content-Type"),
		Body:        got,
		ETag:        resp.Header.Get("ETag"),
	}
	if lm := resp.Header.Get("Last-Modified"); lm != "" {
		r.LastModifiedText = lm
		if t, err := http.ParseTime(lm); err == nil {
			r.LastModified = t
		}
	}
	return r, nil
}

func (c *Client) tooLarge(rawURL string, decoded bool) *Error {
	reason := "response larger than " + FormatBytes(c.opts.MaxBytes)
	if decoded {
		reason += " once gzip-decoded"
	}
	return &Error{URL: rawURL, Reason: reason, Kind: ErrTooLarge}
}

// acquire waits for a free slot for host and returns the function that
// frees it.
func (c *Client) acquire(ctx context.Context, host string) (func(), error) {
	c.mu.Lock()
	h := c.hosts[host]
	if h == nil {
		h = &hostSlots{slots: make(chan struct{}, c.opts.PerHost)}
		c.hosts[host] = h
	}
	h.users++
	c.mu.Unlock()

	done := func() {
		c.mu.Lock()
		h.users--
		if h.users == 0 {
			delete(c.hosts, host)
		}
		c.mu.Unlock()
	}
	select {
	case h.slots <- struct{}{}:
		return func() { <-h.slots; done() }, nil
	case <-ctx.Done():
		done()
		return nil, ctx.Err()
	}
}

// errOwnTimeout is the cause Get's own deadline carries, so that a timeout
// can be told apart from the caller cancelling.
var errOwnTimeout = errors.New("fetch timeout")

// classify turns a transport error into an *Error with a plain reason.
func (c *Client) classify(ctx context.Context, rawURL string, err error) *Error {
	var re *redirectError
	var refused *RefusedError
	var dnsErr *net.DNSError
	var ne net.Error
	switch {
	case errors.As(err, &refused):
		return &Error{URL: rawURL, Reason: refused.Error(), Kind: ErrRefused}
	case errors.As(err, &re):
		return &Error{URL: rawURL, Reason: re.reason, Kind: re.kind}
	case context.Cause(ctx) == errOwnTimeout:
		return &Error{URL: rawURL, Reason: "timed out after " + c.opts.Timeout.String(), Kind: ErrTimeout}
	case ctx.Err() != nil:
		return &Error{URL: rawURL, Reason: "canceled", Kind: ErrCanceled}
	case errors.As(err, &dnsErr):
		reason := "cannot resolve host " + dnsErr.Name
		if dnsErr.IsNotFound {
			reason += " (no such host)"
		}
		return &Error{URL: rawURL, Reason: reason + "; check the URL", Kind: ErrNetwork}
	case errors.As(err, &ne) && ne.Timeout():
		return &Error{URL: rawURL, Reason: "timed out after " + c.opts.Timeout.String(), Kind: ErrTimeout}
	}
	return &Error{URL: rawURL, Reason: "cannot fetch: " + plain(err), Kind: ErrNetwork}
}

// plain drops the *url.Error wrapper, whose "Get "URL":" prefix repeats
// what the message already says.
func plain(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Err != nil {
		return oe.Op + ": " + oe.Err.Error()
	}
	return err.Error()
}

// FormatBytes writes a size the way the limits are usually set: "10 MiB",
// "512 KiB", "100 bytes".
func FormatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
