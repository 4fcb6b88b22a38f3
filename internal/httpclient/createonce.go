package httpclient

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// CreateOnce makes something exactly once, however its requests fail. create sends the create.
// When it fails in a way that leaves the outcome unknown (OutcomeUnknown: no answer after
// sending, a cancelled apply, server trouble), find looks for what it would have made, and a
// find is adopted; only when there is none is the create sent again, at most c.Resends() times.
// find runs even when ctx was cancelled (an interrupted apply must still learn what it created),
// after Config.LookupPause and within Config.LookupTimeout.
func CreateOnce[T any](ctx context.Context, c *Client, create func(context.Context) (T, error), find func(context.Context) (T, bool, error)) (T, error) {
	var zero T
	var err error
	for range c.Resends() + 1 {
		var made T
		made, err = create(ctx)
		if !OutcomeUnknown(err) {
			return made, err
		}
		found, ok, lookErr := lookup(ctx, c, find)
		if lookErr != nil {
			return zero, fmt.Errorf("%w; looking for the customer it may have created failed too, so check for a duplicate: %w", err, lookErr)
		}
		if ok {
			tflog.Info(ctx, "Adopted the customer a create whose answer was lost had made", map[string]any{"service": c.cfg.Service})
			return found, nil
		}
		if ctx.Err() != nil {
			return zero, err
		}
	}
	return zero, err
}

// lookup runs find detached from ctx's cancellation, after the pause a request still in flight
// behind a gateway may need to land.
func lookup[T any](ctx context.Context, c *Client, find func(context.Context) (T, bool, error)) (T, bool, error) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.cfg.LookupTimeout)
	defer cancel()
	select {
	case <-time.After(c.cfg.LookupPause):
	case <-ctx.Done():
		var zero T
		return zero, false, ctx.Err()
	}
	return find(ctx)
}
