package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/failpoint"
)

// Entry is one document for AddBatch: what Add takes.
type Entry struct {
	Doc  claim.Document
	Figs []claim.Figure
	Meta Meta
}

// Outcome is what AddBatch did with one entry: what Add would have
// answered for it.
type Outcome struct {
	Result
	Err error
}

// AddBatch stores entries in order in one transaction, as Add would one
// after the other. A commit per document costs more than the document
// itself (on SQLite, the statements of a small document take a fraction
// of its commit's page writes), so an ingest commits a few hundred at
// once. Crash safety is the same: a batch is all there or not at all,
// and the batch re-done finds the documents that made it (by URL and
// text) and stores them no second time.
//
// An entry Add would refuse (bad input, ErrIDTaken) gets its error and
// the others are stored. When the database fails the transaction itself,
// the entries are stored again each in its own transaction, so that one
// document the database cannot take costs only itself.
func (s *sqlStore) AddBatch(ctx context.Context, entries []Entry) []Outcome {
	out := make([]Outcome, len(entries))
	ins := make([]*addInput, len(entries))
	for i, e := range entries {
		in, err := prepare(e.Doc, e.Figs, []Meta{e.Meta})
		if err != nil {
			out[i].Err = fmt.Errorf("document %s: %w", e.Doc.ID, err)
			continue
		}
		ins[i] = in
	}
	if s.d.serialWrites {
		s.wmu.Lock()
		defer s.wmu.Unlock()
	}
	for attempt := 1; ; attempt++ {
		got, l, err := s.addBatch(ctx, ins)
		if err == nil {
			s.remember(l)
			for i, o := range got {
				if ins[i] != nil {
					out[i] = o
				}
			}
			return out
		}
		if attempt == maxAttempts || !s.d.retry(err) || ctx.Err() != nil {
			break
		}
	}
	for i, in := range ins {
		if in == nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			out[i].Err = fmt.Errorf("document %s: not stored: %w", in.doc.ID, err)
			continue
		}
		out[i].Result, out[i].Err = s.addOne(ctx, in)
	}
	return out
}

// addBatch is one attempt at AddBatch: every prepared entry (nil ones
// are skipped) in one transaction. The error is the transaction's; an
// entry's own refusal is in its Outcome.
func (s *sqlStore) addBatch(ctx context.Context, ins []*addInput) ([]Outcome, learned, error) {
	batch := learned{sources: map[string]int64{}, aliasSet: map[aliasRef]bool{}, series: seriesAggs{}}
	out := make([]Outcome, len(ins))
	sqlTx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, batch, err
	}
	defer sqlTx.Rollback()
	tx := &stmtTx{Tx: sqlTx, s: s, ctx: ctx}
	for i, in := range ins {
		if in == nil {
			continue
		}
		res, l, err := s.addTx(tx, in, &batch)
		if errors.Is(err, ErrIDTaken) {
			// Found before anything of it was written: the transaction
			// goes on without it.
			out[i].Err = fmt.Errorf("document %s: %w", in.doc.ID, err)
			continue
		}
		if err != nil {
			return nil, batch, err
		}
		out[i].Result = res
		batch.merge(l)
		failpoint.Hit("store.batch-doc")
	}
	if err := s.flushSeries(tx, &batch); err != nil {
		return nil, batch, err
	}
	if err := sqlTx.Commit(); err != nil {
		return nil, batch, err
	}
	failpoint.Hit("store.batch-commit")
	return out, batch, nil
}

// source is the id a batch's earlier documents gave a source key.
func (l *learned) source(k string) (int64, bool) {
	if l == nil {
		return 0, false
	}
	id, ok := l.sources[k]
	return id, ok
}

// alias reports whether a batch's earlier documents stored an alias.
func (l *learned) alias(a aliasRef) bool {
	return l != nil && l.aliasSet[a]
}

func (l *learned) merge(m learned) {
	for k, id := range m.sources {
		l.sources[k] = id
	}
	l.aliases = append(l.aliases, m.aliases...)
	for _, a := range m.aliases {
		l.aliasSet[a] = true
	}
}

// flushSeries writes what a batch's documents so far add to the series.
func (s *sqlStore) flushSeries(tx *stmtTx, batch *learned) error {
	if batch == nil || len(batch.series) == 0 {
		return nil
	}
	err := s.putSeries(tx, batch.series)
	clear(batch.series)
	return err
}

// withoutSeries is batch for a write that counts its series itself.
func (l *learned) withoutSeries() *learned {
	if l == nil {
		return nil
	}
	c := *l
	c.series = nil
	return &c
}
