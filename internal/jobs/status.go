package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"
)

// Counts is the number of jobs in each of River's states ("available",
// "running", "completed", "retryable", "discarded" ...).
type Counts map[string]int

// Waiting is the number of jobs not yet done: queued, scheduled, or
// failed and waiting for a retry.
func (c Counts) Waiting() int {
	return c["available"] + c["pending"] + c["scheduled"] + c["retryable"]
}

// Counts counts the jobs by state; with a kind, the jobs of that kind
// only ("tally_ingest").
func (q *Queue) Counts(ctx context.Context, kind ...string) (Counts, error) {
	query, args := `SELECT state, COUNT(*) FROM river_job GROUP BY state`, []any{}
	if len(kind) > 0 {
		query, args = `SELECT state, COUNT(*) FROM river_job WHERE kind = `+q.placeholder+` GROUP BY state`, []any{kind[0]}
	}
	rows, err := q.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("counting jobs: %w", err)
	}
	defer rows.Close()
	c := Counts{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		c[s] = n
	}
	return c, rows.Err()
}

// States are River's states in the order a job goes through them, with
// the words tally shows for them.
var States = []struct{ State, Label string }{
	{"available", "queued"}, {"scheduled", "scheduled"}, {"pending", "pending"}, {"running", "running"},
	{"retryable", "failed, will retry"}, {"completed", "done"}, {"discarded", "failed, discarded"}, {"cancelled", "cancelled"},
}

// Failed is a job that failed: discarded after its last attempt (or
// cancelled), or waiting for a retry.
type Failed struct {
	ID       int64
	Kind     string
	Input    string // the job's source or feed
	State    string
	Attempts int
	Max      int
	Error    string // the last attempt's error
	At       time.Time
	Next     time.Time // for a retryable job, when it is tried again
}

// Failures lists up to limit failed jobs, newest first.
func (q *Queue) Failures(ctx context.Context, limit int) ([]Failed, error) {
	res, err := q.client.JobList(ctx, river.NewJobListParams().
		States(rivertype.JobStateDiscarded, rivertype.JobStateRetryable, rivertype.JobStateCancelled).
		OrderBy(river.JobListOrderByID, river.SortOrderDesc).First(limit))
	if err != nil {
		return nil, fmt.Errorf("listing failed jobs: %w", err)
	}
	out := make([]Failed, 0, len(res.Jobs))
	for _, j := range res.Jobs {
		f := Failed{ID: j.ID, Kind: j.Kind, Input: input(j.EncodedArgs), State: string(j.State), Attempts: j.Attempt, Max: j.MaxAttempts}
		if n := len(j.Errors); n > 0 {
			f.Error, f.At = j.Errors[n-1].Error, j.Errors[n-1].At
		}
		if j.State == rivertype.JobStateRetryable {
			f.Next = j.ScheduledAt
		}
		out = append(out, f)
	}
	return out, nil
}

// Retry makes a failed job available again at once.
func (q *Queue) Retry(ctx context.Context, id int64) error {
	_, err := q.client.JobRetry(ctx, id)
	return err
}

// input is what a job reads, from its arguments.
func input(args []byte) string {
	var a struct {
		Source string `json:"source"`
		Feed   string `json:"feed"`
	}
	json.Unmarshal(args, &a)
	if a.Source != "" {
		return a.Source
	}
	return a.Feed
}
