package ecurringapi

import (
	"context"
	"iter"
	"strings"
)

// Customers lists the customers, page by page (50 a request), following each page's next link
// (never to another host), in eCurring's order. A non-empty email keeps only the customers with
// that address, compared without regard to case: eCurring documents no filter on its list, so
// the client reads every page and filters itself (sending filter[email] could be refused). A page
// is requested only when the consumer asks for a customer beyond the previous one: stopping the
// loop stops the listing. After an error the sequence ends.
func (c *Client) Customers(ctx context.Context, email string) iter.Seq2[*Customer, error] {
	return func(yield func(*Customer, error) bool) {
		const op = "list customers"
		page, err := c.firstPage(ctx, op)
		for err == nil {
			for _, r := range page.Data {
				customer, err := customerOf(op, r)
				if err != nil {
					yield(nil, err)
					return
				}
				if email != "" && !strings.EqualFold(customer.Email, email) {
					continue
				}
				if !yield(customer, nil) {
					return
				}
			}
			next := page.Links.Next
			if next == nil || *next == "" {
				return
			}
			page, err = c.page(ctx, op, *next)
		}
		yield(nil, err)
	}
}
