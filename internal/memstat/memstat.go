// Package memstat reads the process's memory high-water mark, for the
// benchmarks that show ingesting a large web archive keeps memory flat,
// and its CPU time, for benchmarks on a machine shared with others.
package memstat

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// PeakRSS is the process's peak resident set size in bytes (VmHWM from
// /proc/self/status), or 0 where /proc is not there.
func PeakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// CPUTime is the CPU time the process has used, user and system, all
// threads (utime + stime from /proc/self/stat), or 0 where /proc is not
// there. On a shared machine it measures work where wall time measures
// the neighbours.
func CPUTime() time.Duration {
	data, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	// The command name, field 2, is in parentheses and may hold spaces.
	i := strings.LastIndexByte(string(data), ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(data[i+1:]))
	if len(f) < 13 {
		return 0
	}
	// Fields 14 and 15 of the line (11 and 12 after the name), in clock
	// ticks, which Linux fixes at 100 a second for /proc.
	ut, _ := strconv.ParseInt(f[11], 10, 64)
	st, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(ut+st) * 10 * time.Millisecond
}
