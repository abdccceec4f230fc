// Package failpoint kills the process at a named point of its work, for
// the tests that check what a crash leaves behind: TALLY_FAILPOINT=NAME:N
// makes the N-th Hit(NAME) end the process with SIGKILL, as kill -9 or a
// power cut would — no deferred calls, no flushing. Unset (always, outside
// those tests), Hit costs one load of a bool.
package failpoint

import (
	"os"
	"strconv"
	"strings"
	"sync/atomic"
)

// Env names the failpoint: "NAME:N".
const Env = "TALLY_FAILPOINT"

var (
	armed bool
	name  string
	at    int64
	hits  atomic.Int64
)

func init() {
	v := os.Getenv(Env)
	n, count, ok := strings.Cut(v, ":")
	c, err := strconv.ParseInt(count, 10, 64)
	if !ok || err != nil || c < 1 {
		return
	}
	armed, name, at = true, n, c
}

// Hit marks the point named n; the N-th hit of the armed point kills the
// process.
func Hit(n string) {
	if !armed || n != name {
		return
	}
	if hits.Add(1) == at {
		if p, err := os.FindProcess(os.Getpid()); err == nil {
			_ = p.Kill() // SIGKILL on Unix
		}
		select {} // the signal is on its way
	}
}
