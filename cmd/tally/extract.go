package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/pipeline"
)

func init() {
	commands["extract"] = command{"find figure claims in text, HTML or JSONL documents", runExtract}
}

func runExtract(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	enc := json.NewEncoder(w)
	failed := false
	for _, path := range fs.Args() {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintln(stderr, err)
			failed = true
			continue
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<28)
		for sc.Scan() {
			var d claim.Document
			if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
				continue
			}
			for _, fig := range pipeline.Extract(d) {
				enc.Encode(fig)
			}
		}
		f.Close()
	}
	return exitCode(failed)
}
