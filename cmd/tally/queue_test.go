package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The queue end to end through the CLI: ingest --queue plans jobs and
// returns, a worker process runs them and stops on SIGINT, tally jobs
// shows the counts and the failed job with its error; follow, alerts and
// watch manage their tables.
func TestQueueCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "q.db")
	good := filepath.Join(dir, "a.txt")
	os.WriteFile(good, []byte("Iraqi health officials said 45 people were killed in the bombing in Baghdad on Monday, 3 March 2025.\n"), 0o644)
	bad := filepath.Join(dir, "b.jsonl")
	os.WriteFile(bad, []byte("{\"id\": \n"), 0o644)

	if code, out, errs := runTally("follow", "--db", db, "Iraq/killed"); code != 0 || !strings.Contains(out, "following iraq/killed") {
		t.Fatalf("follow: %d %q %q", code, out, errs)
	}
	code, out, errs := runTally("ingest", "--db", db, "--queue", good, bad, filepath.Join(dir, "none.txt"))
	if code != 1 || !strings.Contains(out, "2 jobs queued") || !strings.Contains(errs, "none.txt: no such file") {
		t.Fatalf("ingest --queue: %d %q %q", code, out, errs)
	}
	if code, out, _ := runTally("jobs", "--db", db); code != 0 || !strings.Contains(out, "queued                      2") {
		t.Errorf("jobs before the worker: %d\n%s", code, out)
	}

	w := tallyCmd("worker", "--db", db, "--concurrency", "1")
	var werr bytes.Buffer
	w.Stderr = &werr
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(90 * time.Second)
	for {
		_, out, _ := runTally("jobs", "--db", db)
		_, alerts, _ := runTally("alerts", "--db", db)
		if strings.Contains(out, "retryable "+bad) && strings.Contains(alerts, "45 killed") {
			break
		}
		if time.Now().After(deadline) {
			w.Process.Kill()
			t.Fatalf("jobs not run:\n%s\nworker: %s", out, werr.String())
		}
		time.Sleep(200 * time.Millisecond)
	}
	w.Process.Signal(syscall.SIGINT)
	if err := w.Wait(); err != nil || !strings.Contains(werr.String(), "tally worker: stopped") || !strings.Contains(werr.String(), "alert for iraq/killed") {
		t.Errorf("worker: %v\n%s", err, werr.String())
	}
	_, out, _ = runTally("jobs", "--db", db)
	if !strings.Contains(out, bad+" (attempt ") || !strings.Contains(out, "b.jsonl:1: bad JSON") {
		t.Errorf("failed job not listed:\n%s", out)
	}
	if code, out, _ := runTally("alerts", "--db", db); code != 0 || !strings.Contains(out, "claim,new-source") || !strings.Contains(out, "45 killed") {
		t.Errorf("alerts: %d\n%s", code, out)
	}

	if code, _, errs := runTally("watch", "--db", db, "--no-worker", "feed.xml"); code != 2 || !strings.Contains(errs, "not an http(s) URL") {
		t.Errorf("watch of a file: %d %q", code, errs)
	}
	if code, _, errs := runTally("watch", "--db", db, "--no-worker", "--every", "10s", "https://news.example/feed.xml"); code != 2 || !strings.Contains(errs, "too often") {
		t.Errorf("watch --every 10s: %d %q", code, errs)
	}
	if code, out, errs := runTally("watch", "--db", db, "--no-worker", "https://news.example/feed.xml"); code != 0 || !strings.Contains(out, "watching https://news.example/feed.xml every 15m0s") {
		t.Errorf("watch --no-worker: %d %q %q", code, out, errs)
	}
	if _, out, _ := runTally("watch", "--db", db, "--list"); !strings.Contains(out, "https://news.example/feed.xml  every 15m0s  (never polled)") {
		t.Errorf("watch --list: %q", out)
	}
	if code, _, _ := runTally("watch", "--db", db, "--remove", "https://news.example/feed.xml"); code != 0 {
		t.Errorf("watch --remove: %d", code)
	}
	if code, out, _ := runTally("unfollow", "--db", db, "iraq/KILLED"); code != 0 || !strings.Contains(out, "no longer following") {
		t.Errorf("unfollow: %d %q", code, out)
	}
	if code, _, errs := runTally("unfollow", "--db", db, "iraq/killed"); code != 1 || !strings.Contains(errs, "not followed") {
		t.Errorf("unfollow again: %d %q", code, errs)
	}
}
