// Command tally finds figure claims in news — who said what number, when —
// and keeps them in a ledger. See DESIGN.md for the pipeline.
//
// Each subcommand lives in its own file and registers itself in commands;
// run returns an exit status so tests can call the CLI in-process.
package main

import (
	"fmt"
	"io"
	"os"
	"sort"
)

// command is one subcommand: its one-line summary and its entry point.
type command struct {
	summary string
	run     func(args []string, stdin io.Reader, stdout, stderr io.Writer) int
}

// commands is filled by each subcommand file's init.
var commands = map[string]command{}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "tally: unknown command %q\nTry: tally --help\n", args[0])
		return 2
	}
	return cmd.run(args[1:], stdin, stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "tally finds figure claims in news: who said what number, when.")
	fmt.Fprintln(w, "\nUsage: tally COMMAND [options] [args]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'tally COMMAND --help' for a command's options.")
}

// exitCode maps "did any input fail" to the process status.
func exitCode(failed bool) int {
	if failed {
		return 1
	}
	return 0
}
