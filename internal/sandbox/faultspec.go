package sandbox

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// faultSpecs collects the -faults flags: the Faults of each service, merged
// in the order the flags and their items came. It is a flag.Value.
type faultSpecs map[string]*Faults

// String is the specs as -faults would take them, services in mount order.
func (fs faultSpecs) String() string {
	var parts []string
	for _, name := range serviceNames {
		if f := fs[name]; f != nil {
			parts = append(parts, name+"="+formatFaults(*f))
		}
	}
	return strings.Join(parts, ",")
}

// Set parses one -faults value: comma-separated items "[service=]kind:value".
// An item with "service=" starts that service's items ("all" is every
// service); the following items without it belong to the same service. The
// kinds:
//
//	5xx:SHARE 429:SHARE drop:SHARE   shares in [0,1] (ServerErrors, TooManyRequests, DropAfterProcessing)
//	retry-after:DURATION             RetryAfter of the 429s
//	latency:DURATION                 Latency
//	rate:N[/WINDOW]                  RateLimit N per RateWindow (a duration, or "s", "m", "h"; default 1s)
//	none                             no faults (clears what earlier items set)
//
// A later item overrides an earlier one of the same kind for the same service.
func (fs faultSpecs) Set(value string) error {
	var targets []string
	for _, item := range strings.Split(value, ",") {
		item = strings.TrimSpace(item)
		if name, rest, ok := strings.Cut(item, "="); ok {
			switch {
			case name == "all":
				targets = serviceNames
			case fs.known(name):
				targets = []string{name}
			default:
				return fmt.Errorf("%q: unknown service %q (want openprovider, ecurring, kyc or all)", item, name)
			}
			item = rest
		}
		if targets == nil {
			return fmt.Errorf("%q: name the service first, as in openprovider=%s", item, item)
		}
		for _, name := range targets {
			if fs[name] == nil {
				fs[name] = &Faults{}
			}
			if err := applyFaultItem(fs[name], item); err != nil {
				return fmt.Errorf("%q: %w", item, err)
			}
		}
	}
	return nil
}

func (faultSpecs) known(name string) bool {
	for _, n := range serviceNames {
		if n == name {
			return true
		}
	}
	return false
}

// validate checks what the items could not check one by one: that the shares
// of a service add up to at most 1.
func (fs faultSpecs) validate() error {
	for _, name := range serviceNames {
		if f := fs[name]; f != nil {
			if err := f.validate(); err != nil {
				return fmt.Errorf("%s=%s: %w", name, formatFaults(*f), err)
			}
		}
	}
	return nil
}

// applyFaultItem sets the field of f that item ("kind:value") names.
func applyFaultItem(f *Faults, item string) error {
	if item == "none" {
		*f = Faults{}
		return nil
	}
	kind, value, ok := strings.Cut(item, ":")
	if !ok || value == "" {
		return errors.New("want kind:value (5xx, 429, drop, retry-after, latency or rate) or none")
	}
	var err error
	switch kind {
	case "5xx":
		f.ServerErrors, err = parseShare(value)
	case "429":
		f.TooManyRequests, err = parseShare(value)
	case "drop":
		f.DropAfterProcessing, err = parseShare(value)
	case "retry-after":
		f.RetryAfter, err = parseFaultDuration(value)
	case "latency":
		f.Latency, err = parseFaultDuration(value)
	case "rate":
		f.RateLimit, f.RateWindow, err = parseRate(value)
	default:
		return fmt.Errorf("unknown kind %q (want 5xx, 429, drop, retry-after, latency or rate)", kind)
	}
	return err
}

func parseShare(v string) (float64, error) {
	share, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(share) || share < 0 || share > 1 {
		return 0, fmt.Errorf("share %q: want a number from 0 to 1", v)
	}
	return share, nil
}

func parseFaultDuration(v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("duration %q: want a Go duration of at least 0, such as 20ms", v)
	}
	return d, nil
}

// parseRate reads "N" or "N/WINDOW"; WINDOW is a duration or a bare unit.
func parseRate(v string) (int, time.Duration, error) {
	count, win, hasWin := strings.Cut(v, "/")
	n, err := strconv.Atoi(count)
	if err != nil || n < 1 {
		return 0, 0, fmt.Errorf("rate %q: want N or N/WINDOW with N at least 1, such as 50/100s", v)
	}
	if !hasWin {
		return n, 0, nil
	}
	if win == "s" || win == "m" || win == "h" {
		win = "1" + win
	}
	d, err := time.ParseDuration(win)
	if err != nil || d <= 0 {
		return 0, 0, fmt.Errorf("rate %q: window %q is not a positive duration such as 100s", v, win)
	}
	return n, d, nil
}

// formatFaults writes f as -faults items, "none" for the zero Faults.
func formatFaults(f Faults) string {
	var items []string
	add := func(kind, value string) { items = append(items, kind+":"+value) }
	share := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	if f.ServerErrors != 0 {
		add("5xx", share(f.ServerErrors))
	}
	if f.TooManyRequests != 0 {
		add("429", share(f.TooManyRequests))
	}
	if f.RetryAfter != 0 {
		add("retry-after", f.RetryAfter.String())
	}
	if f.DropAfterProcessing != 0 {
		add("drop", share(f.DropAfterProcessing))
	}
	if f.Latency != 0 {
		add("latency", f.Latency.String())
	}
	if f.RateLimit != 0 {
		rate := strconv.Itoa(f.RateLimit)
		if f.RateWindow != 0 {
			rate += "/" + f.RateWindow.String()
		}
		add("rate", rate)
	}
	if items == nil {
		return "none"
	}
	return strings.Join(items, ",")
}
