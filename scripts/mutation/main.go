// Command mutation checks that the tests notice when a field mapping goes missing: in the named
// functions it deletes one struct-literal field (Field: value) or one field assignment
// (x.Field = value) at a time, runs the package's tests, and reports every deletion that the
// tests let pass. `make mutation` runs it over the to-API and from-API mappings of all three
// customer types.
//
//	go run ./scripts/mutation -run REGEXP FILE:FUNC[,FUNC...] ...
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

type mutation struct {
	file       string
	line       int
	start, end int // byte range deleted
	text       string
}

func main() {
	run := flag.String("run", ".", "go test -run pattern for every mutant")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: mutation [-run REGEXP] FILE:FUNC[,FUNC...] ...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	var all []mutation
	for _, target := range flag.Args() {
		file, funcs, ok := strings.Cut(target, ":")
		if !ok {
			fatalf("%q is not FILE:FUNC[,FUNC...]", target)
		}
		found, err := mutations(file, strings.Split(funcs, ","))
		if err != nil {
			fatalf("%v", err)
		}
		all = append(all, found...)
	}
	if len(all) == 0 {
		fatalf("no field mappings found in %s: check the function names", strings.Join(flag.Args(), " "))
	}

	os.Exit(runAll(all, *run))
}

// runAll tries every mutation and returns the exit code: 1 when a deletion survived.
func runAll(all []mutation, run string) int {
	// An interrupt must not leave a mutant behind: it stops the test run, the mutant's file is
	// restored, and then the command exits.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	var survivors []mutation
	for i, m := range all {
		fmt.Printf("[%d/%d] %s:%d: without %s ... ", i+1, len(all), m.file, m.line, m.text)
		verdict, err := try(ctx, m, run)
		if ctx.Err() != nil {
			fmt.Println()
			fatalf("interrupted; %s is restored", m.file)
		}
		if err != nil {
			fmt.Println()
			fatalf("%v", err)
		}
		fmt.Println(verdict)
		if verdict == "SURVIVED" {
			survivors = append(survivors, m)
		}
	}
	fmt.Printf("\n%d of %d deletions caught by the tests\n", len(all)-len(survivors), len(all))
	if len(survivors) > 0 {
		fmt.Println("deletions the tests let pass:")
		for _, m := range survivors {
			fmt.Printf("  %s:%d: %s\n", m.file, m.line, m.text)
		}
		return 1
	}
	return 0
}

// mutations lists the field mappings in funcs (functions or methods) of file.
func mutations(file string, funcs []string) ([]mutation, error) {
	src, err := os.ReadFile(file) //nolint:gosec // G304: the files to mutate are what the caller names
	if err != nil {
		return nil, err
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, 0)
	if err != nil {
		return nil, err
	}
	var out []mutation
	seen := map[string]bool{}
	add := func(start, end token.Pos) {
		s, e := fset.Position(start).Offset, fset.Position(end).Offset
		for e < len(src) && (src[e] == ',' || src[e] == ' ') {
			e++ // the element's comma goes with it
		}
		out = append(out, mutation{file: file, line: fset.Position(start).Line, start: s, end: e,
			text: strings.Join(strings.Fields(string(src[s:fset.Position(end).Offset])), " ")})
	}
	for _, decl := range f.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || !slices.Contains(funcs, fn.Name.Name) || fn.Body == nil {
			continue
		}
		seen[fn.Name.Name] = true
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.KeyValueExpr:
				if _, field := n.Key.(*ast.Ident); field {
					add(n.Pos(), n.End())
				}
			case *ast.AssignStmt:
				if len(n.Lhs) == 1 && n.Tok == token.ASSIGN {
					if _, field := n.Lhs[0].(*ast.SelectorExpr); field {
						add(n.Pos(), n.End())
					}
				}
			}
			return true
		})
	}
	for _, name := range funcs {
		if !seen[name] {
			return nil, fmt.Errorf("%s: no function %s", file, name)
		}
	}
	return out, nil
}

// try runs the tests of the file's package with m applied: KILLED when they fail (or the
// mutant does not compile), SURVIVED when they pass.
func try(ctx context.Context, m mutation, run string) (string, error) {
	orig, err := os.ReadFile(m.file)
	if err != nil {
		return "", err
	}
	mutant := slices.Concat(orig[:m.start], orig[m.end:])
	if err := os.WriteFile(m.file, mutant, 0o644); err != nil { //nolint:gosec // G306: a source file keeps its usual mode
		return "", err
	}
	defer func() {
		if err := os.WriteFile(m.file, orig, 0o644); err != nil { //nolint:gosec // G306: as above
			fatalf("restoring %s failed, restore it from git: %v", m.file, err)
		}
	}()
	var out bytes.Buffer
	//nolint:gosec // G204: go test of the package the caller named, with the caller's pattern
	cmd := exec.CommandContext(ctx, "go", "test", "-count=1", "-run", run, "./"+filepath.Dir(m.file))
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		if bytes.Contains(out.Bytes(), []byte("[build failed]")) || bytes.Contains(out.Bytes(), []byte("[setup failed]")) {
			return "KILLED (does not compile)", nil
		}
		return "KILLED", nil
	}
	return "SURVIVED", nil
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "mutation: "+format+"\n", args...)
	os.Exit(1)
}
