// Package cpuprofile lets the benchmark's provider builds write a CPU profile per process.
package cpuprofile

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
)

// Start writes a CPU profile of this process to DIR/cpu-PID.pprof while BENCH_CPUPROFILE_DIR
// names DIR; it returns the function that ends it (a no-op otherwise). Terraform stops a
// provider by asking it to shut down, after which the provider's main returns and calls it.
func Start() func() {
	dir := os.Getenv("BENCH_CPUPROFILE_DIR")
	if dir == "" {
		return func() {}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "cpuprofile:", err)
		return func() {}
	}
	f, err := os.Create(filepath.Join(dir, fmt.Sprintf("cpu-%d.pprof", os.Getpid())))
	if err != nil {
		fmt.Fprintln(os.Stderr, "cpuprofile:", err)
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		fmt.Fprintln(os.Stderr, "cpuprofile:", err)
		_ = f.Close()
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}
}
