package ingest

import (
	"context"
	"time"

	"github.com/tally-news/tally/internal/failpoint"
	"github.com/tally-news/tally/internal/gather"
	"github.com/tally-news/tally/internal/store"
)

// Batch bounds the documents committed together: a batch is committed
// when it holds Size documents or its first document has waited Interval,
// whichever comes first.
type Batch struct {
	Size     int
	Interval time.Duration
}

// DefaultBatch commits every 500 documents or every second: a commit then
// costs well under a millisecond per document, and a crash or Ctrl-C costs
// at most a second of work, which the rerun redoes.
var DefaultBatch = Batch{Size: 500, Interval: time.Second}

func (b Batch) orDefault() Batch {
	if b.Size <= 0 {
		b.Size = DefaultBatch.Size
	}
	if b.Interval <= 0 {
		b.Interval = DefaultBatch.Interval
	}
	return b
}

// Writer commits extracted documents to a store in batches (store.AddBatch),
// in the order they are added. It is not safe for concurrent use: one
// writer serves an ingest, fed in order.
type Writer struct {
	st    store.Store
	b     Batch
	items []gather.Item
	batch []store.Entry
	since time.Time // when the batch's first document came
	// stored hears each document's outcome once its batch is committed
	// (or refused), in order.
	stored func(gather.Item, store.Outcome)
}

// NewWriter returns a writer to st; stored, when set, is told of each
// document's outcome, in the order they were added.
func NewWriter(st store.Store, b Batch, stored func(gather.Item, store.Outcome)) *Writer {
	b = b.orDefault()
	return &Writer{st: st, b: b, stored: stored, batch: make([]store.Entry, 0, b.Size)}
}

// Add queues a document and commits the batch when it is full or due.
func (w *Writer) Add(ctx context.Context, it gather.Item, e store.Entry) {
	if len(w.batch) == 0 {
		w.since = time.Now()
	}
	w.items = append(w.items, it)
	w.batch = append(w.batch, e)
	failpoint.Hit("ingest.batch-add")
	if len(w.batch) >= w.b.Size || time.Since(w.since) >= w.b.Interval {
		w.Flush(ctx)
	}
}

// Due is when the pending batch must be committed; false when none is
// pending.
func (w *Writer) Due() (time.Time, bool) {
	if len(w.batch) == 0 {
		return time.Time{}, false
	}
	return w.since.Add(w.b.Interval), true
}

// Flush commits the pending batch.
func (w *Writer) Flush(ctx context.Context) {
	if len(w.batch) == 0 {
		return
	}
	outs := w.st.AddBatch(ctx, w.batch)
	if w.stored != nil {
		for i, o := range outs {
			w.stored(w.items[i], o)
		}
	}
	clear(w.items)
	clear(w.batch)
	w.items, w.batch = w.items[:0], w.batch[:0]
}
