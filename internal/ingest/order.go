package ingest

import (
	"sync"

	"github.com/tally-news/tally/internal/gather"
	"github.com/tally-news/tally/internal/store"
)

// prepared is a document with its figures, or the reason it has none.
type prepared struct {
	it    gather.Item
	entry store.Entry
	err   error
}

type pos struct {
	job   uint64
	index int
}

// sequencer puts documents extracted on several workers back in the order
// of the sources (gather.Item's Job and Index), so that the writer stores
// them as a serial run would: which copy of a syndicated story is the
// first, which name a source is first stored under, and what a run killed
// half-way has committed (always a prefix of that order, which the rerun
// completes) do not depend on which worker finished first.
//
// Items of the head job — the lowest one not wholly passed on — are always
// let in; items of later jobs wait while limit of them are in flight, so
// memory stays bounded while a long JSONL file at the head streams. The
// head job is always on a gather worker or next in line (gather.Options.Done),
// so holding later jobs back never stalls the run.
type sequencer struct {
	mu       sync.Mutex
	cond     *sync.Cond
	head     uint64 // the job whose items are passed on now
	next     int    // the index of the head job's next item
	ready    map[pos]prepared
	done     map[uint64]int // jobs done: how many items each gave
	inFlight int            // items let in and not yet passed on
	limit    int
	closed   bool
	// unbounded lets every item in: the run is cancelled, and the head
	// job may never finish (gather drops work in progress).
	unbounded bool
}

func newSequencer(limit int) *sequencer {
	s := &sequencer{head: 1, ready: map[pos]prepared{}, done: map[uint64]int{}, limit: limit}
	s.cond = sync.NewCond(&s.mu)
	return s
}

// admit waits until an item of job may go to extraction.
func (s *sequencer) admit(job uint64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for job != s.head && s.inFlight >= s.limit && !s.unbounded {
		s.cond.Wait()
	}
	s.inFlight++
}

// put hands over an extracted item.
func (s *sequencer) put(p prepared) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ready[pos{p.it.Job, p.it.Index}] = p
	s.cond.Broadcast()
}

// jobDone records that job gave items items (gather.Options.Done).
func (s *sequencer) jobDone(job uint64, items int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.done[job] = items
	s.cond.Broadcast()
}

// unbound stops admit from waiting (a cancelled run).
func (s *sequencer) unbound() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.unbounded = true
	s.cond.Broadcast()
}

// close says no more items or jobs will come: take returns what is in
// order, then false. (After a cancellation, items behind a job that never
// finished are dropped, as gather drops work in progress.)
func (s *sequencer) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.cond.Broadcast()
}

// take returns the next item in order, waiting for it; false when there
// is none and the sequencer is closed.
func (s *sequencer) take() (prepared, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		p := pos{s.head, s.next}
		if v, ok := s.ready[p]; ok {
			delete(s.ready, p)
			s.next++
			s.inFlight--
			s.cond.Broadcast()
			return v, true
		}
		if n, ok := s.done[s.head]; ok && n == s.next {
			delete(s.done, s.head)
			s.head++
			s.next = 0
			s.cond.Broadcast()
			continue
		}
		if s.closed {
			return prepared{}, false
		}
		s.cond.Wait()
	}
}
