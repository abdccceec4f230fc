//go:build unix

package parse

import (
	"syscall"
	"time"
)

// cpuTime is the processor time the process has used (user and system),
// which, unlike the wall clock, a busy shared machine does not inflate.
func cpuTime() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
