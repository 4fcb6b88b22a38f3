package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// The machine may be shared (other builds, tests, fuzzers): everything the benchmark runs
// competes with them for the same CPUs, and a loaded machine makes any phase slower. So the
// runner waits for a quiet machine before each measurement, measures how much CPU other
// processes used during each phase, and repeats a measurement that others disturbed.

// busySeconds is the CPU time all CPUs have spent not idle since boot, from /proc/stat.
func busySeconds() float64 {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0
	}
	var busy float64
	// user nice system idle iowait irq softirq steal: all but idle (3) and iowait (4).
	for i, v := range f[1:9] {
		if i == 3 || i == 4 {
			continue
		}
		n, _ := strconv.ParseFloat(v, 64)
		busy += n
	}
	return busy / clockTicks
}

// waitQuiet waits until, for three consecutive seconds, the machine's busy CPU is below
// quietLoad CPUs (the runner itself is idle meanwhile), or until limit has passed. It reports
// how long it waited and whether the machine was quiet.
func waitQuiet(ctx context.Context, limit time.Duration) (time.Duration, bool) {
	start := time.Now()
	if limit <= 0 {
		return 0, true
	}
	quiet := 0
	prev := busySeconds()
	for time.Since(start) < limit {
		select {
		case <-ctx.Done():
			return time.Since(start), false
		case <-time.After(time.Second):
		}
		now := busySeconds()
		if now-prev < quietLoad {
			quiet++
		} else {
			quiet = 0
		}
		prev = now
		if quiet >= 3 {
			return time.Since(start), true
		}
	}
	return time.Since(start), false
}

const (
	// quietLoad is the busy CPU (in CPUs) below which the idle machine counts as quiet.
	quietLoad = 0.15
	// maxOtherLoad is the CPU (in CPUs, averaged over a phase) other processes may use during a
	// phase before the measurement is repeated.
	maxOtherLoad = 0.15
)

func loadNote(waited time.Duration, quiet bool) string {
	if quiet {
		if waited > 5*time.Second {
			return fmt.Sprintf(" [waited %s for a quiet machine]", waited.Round(time.Second))
		}
		return ""
	}
	return fmt.Sprintf(" [machine still busy after %s; measuring anyway]", waited.Round(time.Second))
}
