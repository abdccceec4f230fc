package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/tally-news/tally/internal/claim"
	"github.com/tally-news/tally/internal/pipeline"
	"github.com/tally-news/tally/internal/sources"
	"github.com/tally-news/tally/internal/store"
)

func init() {
	commands["docs"] = command{"list the documents in the ledger", runDocs}
	commands["forget"] = command{"delete documents from the ledger, with their figures", runForget}
	commands["reextract"] = command{"extract the figures of stored documents again (after an upgrade)", runReextract}
}

const docsUsage = `Usage: tally docs [options]

Lists the documents in the ledger, in the order they were stored: id,
publication date ("-" when none is known), status (new, near-duplicate
of another, not-english), number of figures, title and URL. The id is
what tally forget and tally reextract take.

Options:
  --db DSN                 ledger (default $TALLY_DB, else tally.db)
  --search TEXT            only documents whose id, URL or title holds TEXT
  --limit N                at most N documents (default 0: all)
  --format table|jsonl|csv output format (default table)
`

const forgetUsage = `Usage: tally forget [options] DOC...

Deletes each document DOC (its id, as tally docs lists it) from the
ledger with all its figures; the series they were in are recounted. When
the document was the first copy of a syndicated story, its earliest copy
takes its place and that copy's figures count from then on. A document
forgotten can be ingested again.

Options:
  --db DSN    ledger (default $TALLY_DB, else tally.db)
`

const reextractUsage = `Usage: tally reextract [options] (DOC... | --all)

Extracts the figures of stored documents again from their stored text,
with this version of tally, and replaces the old figures: run it after
an upgrade that reads figures better. Documents keep their ids, URLs and
dates. Non-English documents keep no figures.

Options:
  --db DSN         ledger (default $TALLY_DB, else tally.db)
  --all            every document in the ledger
  --aliases FILE   source alias file (TOML) extending the shipped table
`

func runDocs(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("docs", flag.ContinueOnError)
	db := fs.String("db", "", "")
	search := fs.String("search", "", "")
	limit := fs.Int("limit", 0, "")
	format := fs.String("format", "table", "")
	rest, code, ok := flagCommand("docs", docsUsage, fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if len(rest) > 0 {
		fmt.Fprintf(stderr, "tally docs: unexpected argument %q; use --search\n", rest[0])
		return 2
	}
	if *format != "table" && *format != "jsonl" && *format != "csv" {
		fmt.Fprintf(stderr, "tally docs: unknown --format %q; valid: table, jsonl, csv\n", *format)
		return 2
	}
	if *limit < 0 {
		fmt.Fprintf(stderr, "tally docs: bad --limit %d; want 0 (all) or more\n", *limit)
		return 2
	}
	ctx := context.Background()
	st, ok := openLedger(ctx, "docs", *db, stderr)
	if !ok {
		return 1
	}
	defer st.Close()
	docs, err := st.Documents(ctx, store.DocFilter{Search: *search, Limit: *limit})
	if err != nil {
		fmt.Fprintf(stderr, "tally docs: %v\n", oneLine(err.Error()))
		return 1
	}
	w := bufio.NewWriter(stdout)
	defer w.Flush()
	switch *format {
	case "jsonl":
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		for _, d := range docs {
			enc.Encode(d)
		}
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write([]string{"id", "published", "status", "duplicate_of", "figures", "title", "url", "publisher", "ingested_at", "origin"})
		for _, d := range docs {
			rec := []string{d.ID, d.Published, d.Status, d.DuplicateOf, strconv.Itoa(d.Figures), d.Title, d.URL, d.Publisher,
				d.IngestedAt.UTC().Format(time.RFC3339), d.Origin}
			for k := range rec {
				rec[k] = spreadsheetSafe(rec[k])
			}
			cw.Write(rec)
		}
		cw.Flush()
	default:
		if len(docs) == 0 {
			fmt.Fprintln(stderr, "tally docs: no document matches")
			return 0
		}
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tPUBLISHED\tSTATUS\tFIGURES\tTITLE\tURL")
		for _, d := range docs {
			status := d.Status
			if d.DuplicateOf != "" {
				status += " of " + d.DuplicateOf
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s\n", cell(d.ID), orDash(d.Published), cell(cut(status, 40)), d.Figures,
				cell(cut(d.Title, 50)), cell(d.URL))
		}
		tw.Flush()
	}
	return 0
}

func runForget(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("forget", flag.ContinueOnError)
	db := fs.String("db", "", "")
	ids, code, ok := flagCommand("forget", forgetUsage, fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if len(ids) == 0 {
		fmt.Fprint(stderr, "tally forget: give the id of a document to forget (tally docs lists them)\n")
		return 2
	}
	ctx := context.Background()
	st, ok := openLedger(ctx, "forget", *db, stderr)
	if !ok {
		return 1
	}
	defer st.Close()
	failed := false
	for _, id := range ids {
		f, err := st.Forget(ctx, id)
		if err != nil {
			fmt.Fprintf(stderr, "tally forget: %v\n", oneLine(err.Error()))
			failed = true
			continue
		}
		msg := fmt.Sprintf("tally forget: %s: deleted with %d figures", id, f.Figures)
		if f.Promoted != "" {
			msg += "; its copy " + f.Promoted + " is now the first copy"
		}
		fmt.Fprintln(stderr, msg)
	}
	if err := store.Refresh(ctx, st); err != nil {
		fmt.Fprintf(stderr, "tally forget: updating series summaries: %v\n", oneLine(err.Error()))
		return 1
	}
	return exitCode(failed)
}

func runReextract(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("reextract", flag.ContinueOnError)
	db := fs.String("db", "", "")
	all := fs.Bool("all", false, "")
	aliases := fs.String("aliases", "", "")
	ids, code, ok := flagCommand("reextract", reextractUsage, fs, args, stdout, stderr)
	if !ok {
		return code
	}
	if *all == (len(ids) > 0) {
		fmt.Fprint(stderr, "tally reextract: give document ids (tally docs lists them) or --all, not both\n")
		return 2
	}
	var po pipeline.Options
	if *aliases != "" {
		t, err := sources.Load(*aliases)
		if err != nil {
			fmt.Fprintf(stderr, "tally reextract: %v\n", oneLine(err.Error()))
			return 2
		}
		po.Sources = t
	}
	ctx := context.Background()
	st, ok := openLedger(ctx, "reextract", *db, stderr)
	if !ok {
		return 1
	}
	defer st.Close()
	if *all {
		docs, err := st.Documents(ctx, store.DocFilter{})
		if err != nil {
			fmt.Fprintf(stderr, "tally reextract: %v\n", oneLine(err.Error()))
			return 1
		}
		for _, d := range docs {
			ids = append(ids, d.ID)
		}
	}
	failed := false
	var docs, before, after int
	progress := newCountProgress(stderr, "reextract", len(ids))
	defer progress.finish()
	for _, id := range ids {
		progress.step()
		d, old, err := st.Document(ctx, id)
		if errors.Is(err, store.ErrNotFound) {
			fmt.Fprintf(stderr, "tally reextract: %s: no document with this id is stored; tally docs lists them\n", id)
			failed = true
			continue
		}
		if err != nil {
			fmt.Fprintf(stderr, "tally reextract: %s: %v\n", id, oneLine(err.Error()))
			failed = true
			continue
		}
		var figs []claim.Figure
		if store.IsEnglish(d.Language) {
			f, err := extractDoc(d.Document, po)
			if err != nil {
				fmt.Fprintf(stderr, "tally reextract: %s: %v\n", id, oneLine(err.Error()))
				failed = true
				continue
			}
			figs = f
		}
		if _, err := st.Replace(ctx, d.Document, figs); err != nil {
			fmt.Fprintf(stderr, "tally reextract: %v\n", oneLine(err.Error()))
			failed = true
			continue
		}
		docs++
		before += len(old)
		after += len(figs)
	}
	progress.finish()
	if err := store.Refresh(ctx, st); err != nil {
		fmt.Fprintf(stderr, "tally reextract: updating series summaries: %v\n", oneLine(err.Error()))
		return 1
	}
	fmt.Fprintf(stderr, "tally reextract: %d documents: %d figures before, %d now\n", docs, before, after)
	return exitCode(failed)
}

// countProgress shows how far a command is through n items: a bar on a
// terminal, else a line every few seconds (logs and pipes); nothing for a
// single item.
type countProgress struct {
	bar      *progressbar.ProgressBar
	w        io.Writer
	name     string
	done, n  int
	last     time.Time
	finished bool
}

func newCountProgress(w io.Writer, name string, n int) *countProgress {
	p := &countProgress{w: w, name: name, n: n, last: time.Now()}
	if n > 1 && isTerminal(w) {
		p.bar = progressbar.NewOptions(n, progressbar.OptionSetWriter(w), progressbar.OptionSetDescription(name),
			progressbar.OptionShowCount(), progressbar.OptionThrottle(100*time.Millisecond), progressbar.OptionClearOnFinish())
	}
	return p
}

// step counts one item begun.
func (p *countProgress) step() {
	p.done++
	switch {
	case p.bar != nil:
		_ = p.bar.Add(1)
	case p.n > 1 && time.Since(p.last) >= 5*time.Second:
		p.last = time.Now()
		fmt.Fprintf(p.w, "tally %s: %d of %d documents\n", p.name, p.done, p.n)
	}
}

// finish clears the bar, once, so that the summary starts a clean line.
func (p *countProgress) finish() {
	if p.bar != nil && !p.finished {
		_ = p.bar.Finish()
	}
	p.finished = true
}
