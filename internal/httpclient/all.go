package httpclient

import "iter"

// All reads a whole listing of a vendor client's (such as Customers): every item, or the items
// read before the first error and that error.
func All[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var out []T
	for item, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, item)
	}
	return out, nil
}
