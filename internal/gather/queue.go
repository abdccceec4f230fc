package gather

import "sync"

// queue is an unbounded FIFO of fetches. It is unbounded because fetchers
// push to it (a feed fetched at a URL yields its items' links): a bounded
// channel could fill while every fetcher waits to push, and nothing would
// drain it. Fetch jobs are a URL and a few strings; a feed has at most a
// few thousand items.
type queue struct {
	mu     sync.Mutex
	cond   *sync.Cond
	items  []fetchJob
	closed bool
}

func newQueue() *queue {
	q := &queue{}
	q.cond = sync.NewCond(&q.mu)
	return q
}

func (q *queue) push(f fetchJob) {
	q.mu.Lock()
	q.items = append(q.items, f)
	q.mu.Unlock()
	q.cond.Signal()
}

// pop waits for a job; false once the queue is closed and empty.
func (q *queue) pop() (fetchJob, bool) {
	q.mu.Lock()
	defer q.mu.Unlock()
	for len(q.items) == 0 && !q.closed {
		q.cond.Wait()
	}
	if len(q.items) == 0 {
		return fetchJob{}, false
	}
	f := q.items[0]
	q.items[0] = fetchJob{}
	q.items = q.items[1:]
	return f, true
}

func (q *queue) close() {
	q.mu.Lock()
	q.closed = true
	q.mu.Unlock()
	q.cond.Broadcast()
}
