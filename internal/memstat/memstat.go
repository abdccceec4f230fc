// Package memstat reads the process's memory high-water mark, for the
// benchmarks that show ingesting a large web archive keeps memory flat.
package memstat

import (
	"os"
	"strconv"
	"strings"
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
