package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"

	"github.com/tally-news/tally/internal/jobs"
	"github.com/tally-news/tally/internal/watch"
)

// Alerts lists the alerts raised for followed series (internal/watch).
type Alerts interface {
	Alerts(ctx context.Context, series string, limit int) ([]watch.Alert, error)
}

// Jobs is the job queue (internal/jobs), for /admin/jobs.
type Jobs interface {
	Counts(ctx context.Context, kind ...string) (jobs.Counts, error)
	Failures(ctx context.Context, limit int) ([]jobs.Failed, error)
}

// alertsPage is the data of the alerts page.
type alertsPage struct {
	Series string // "" for all followed series
	Atom   string
	Alerts []watch.Alert
}

// pageAlerts lists the newest alerts of every followed series.
func (s *Server) pageAlerts(w http.ResponseWriter, r *http.Request) {
	if s.opt.Alerts == nil {
		s.pageError(w, r, http.StatusNotFound, "This server keeps no alerts.")
		return
	}
	series := r.URL.Query().Get("series")
	alerts, err := s.opt.Alerts.Alerts(r.Context(), series, 200)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	atom := "/alerts.atom"
	if series != "" {
		atom = "/series/" + url.PathEscape(series) + "/alerts.atom"
	}
	s.render(w, r, http.StatusOK, "alerts", pageData{Title: "Alerts", Nav: "alerts", Data: alertsPage{Series: series, Atom: atom, Alerts: alerts}})
}

// atomAlerts serves /alerts.atom and, through pageSeries,
// /series/{key}/alerts.atom.
func (s *Server) atomAlerts(w http.ResponseWriter, r *http.Request, series string) {
	if s.opt.Alerts == nil {
		http.Error(w, "this server keeps no alerts", http.StatusNotFound)
		return
	}
	alerts, err := s.opt.Alerts.Alerts(r.Context(), series, 100)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	title, self := "tally: alerts for all followed series", "/alerts.atom"
	if series != "" {
		title, self = "tally: alerts for "+series, "/series/"+url.PathEscape(series)+"/alerts.atom"
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	var buf bytes.Buffer
	if err := watch.Atom(&buf, title, scheme+"://"+r.Host, self, alerts); err != nil {
		s.internal(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(buf.Bytes())
}

func (s *Server) atomAllAlerts(w http.ResponseWriter, r *http.Request) { s.atomAlerts(w, r, "") }

// jobsPage is the data of /admin/jobs.
type jobsPage struct {
	States   []jobState
	Failures []jobs.Failed
}

type jobState struct {
	Label string
	N     int
}

// pageJobs shows the job queue to holders of the token (Bearer, or as
// the password of HTTP Basic authentication, which a browser asks for).
func (s *Server) pageJobs(w http.ResponseWriter, r *http.Request) {
	if !s.tokenOK(r) {
		w.Header().Set("WWW-Authenticate", `Basic realm="tally admin (the password is the server's token)"`)
		s.pageError(w, r, http.StatusUnauthorized, "The jobs page needs the server's token: give it as the password (any user name), or as 'Authorization: Bearer TOKEN'.")
		return
	}
	if s.opt.Jobs == nil {
		s.pageError(w, r, http.StatusNotFound, "This server has no job queue.")
		return
	}
	c, err := s.opt.Jobs.Counts(r.Context())
	if err != nil {
		s.internal(w, r, err)
		return
	}
	fails, err := s.opt.Jobs.Failures(r.Context(), 50)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	d := jobsPage{Failures: fails}
	for _, st := range jobs.States {
		d.States = append(d.States, jobState{st.Label, c[st.State]})
	}
	s.render(w, r, http.StatusOK, "jobs", pageData{Title: "Jobs", Nav: "jobs", Data: d})
}

// tokenOK: the request carries the server's token; never with no token
// configured.
func (s *Server) tokenOK(r *http.Request) bool {
	if s.opt.Token == "" {
		return false
	}
	tok := ""
	if _, pw, ok := r.BasicAuth(); ok {
		tok = pw
	} else if scheme, t, ok := strings.Cut(r.Header.Get("Authorization"), " "); ok && strings.EqualFold(scheme, "Bearer") {
		tok = strings.TrimSpace(t)
	}
	a, b := sha256.Sum256([]byte(tok)), sha256.Sum256([]byte(s.opt.Token))
	return tok != "" && subtle.ConstantTimeCompare(a[:], b[:]) == 1
}
