package httpclient

import (
	"errors"
	"slices"
	"testing"
)

// All reads until the first error and keeps what came before it.
func TestAll(t *testing.T) {
	broken := errors.New("page 2 failed")
	seq := func(yield func(int, error) bool) {
		for _, v := range []int{1, 2} {
			if !yield(v, nil) {
				return
			}
		}
		if !yield(0, broken) {
			return
		}
		t.Error("All read on after an error")
	}
	got, err := All(seq)
	if !errors.Is(err, broken) || !slices.Equal(got, []int{1, 2}) {
		t.Fatalf("All = %v, %v; want [1 2] and the error", got, err)
	}
}
