package sandbox

// EcurringBehaviour picks the variants the eCurring emulator plays where the vendor's behaviour is
// unknown; the zero value is the register's default.
type EcurringBehaviour struct {
	// PatchNull is what JSON null for an attribute in a PATCH does. JSON:API says it clears the
	// attribute, but eCurring documents nothing about it.
	PatchNull EcurringPatchNull
	// EmptyString is what "" for an optional attribute in a create or PATCH does. eCurring's own
	// plugin stopped sending empty attributes, which suggests they caused trouble.
	EmptyString EcurringEmptyString
	// ListNewestFirst lists customers by descending id instead of ascending; eCurring documents
	// no sort order.
	ListNewestFirst bool
	// LargePage is what a page[size] above 50 does. The largest page size is undocumented:
	// eCurring's own plugin asks for 50, other clients for 100.
	LargePage EcurringLargePage
	// Filter is what filter[...] query parameters of GET /customers do. eCurring documents no
	// filter on the customer list (JSON:API only reserves the name), so a client that looks a
	// customer up by e-mail must filter what it reads itself.
	Filter EcurringFilter
}

// EcurringLargePage is what a page[size] above 50 does.
type EcurringLargePage int

const (
	// EcurringLargePageRefused answers 400 for a page[size] above 50 (the default: the largest
	// size any known client uses is 50 in eCurring's own plugin).
	EcurringLargePageRefused EcurringLargePage = iota
	// EcurringLargePageClamped serves 50 silently; the links carry page[size]=50, so a client
	// that follows links.next still reads everything, one that counts pages itself does not.
	EcurringLargePageClamped
	// EcurringLargePageUpTo100 serves up to 100 (as other clients ask) and refuses more with 400.
	EcurringLargePageUpTo100
)

// EcurringFilter is what filter[...] parameters of the customer list do.
type EcurringFilter int

const (
	// EcurringFilterIgnored ignores every filter[...] parameter and lists all customers (the
	// default: nothing documents one, and JSON:API servers ignore what they do not support).
	EcurringFilterIgnored EcurringFilter = iota
	// EcurringFilterEmail honours filter[email] (the whole address, case-insensitively): meta.total
	// counts the matches and the links carry the filter; other filter[...] parameters are ignored.
	EcurringFilterEmail
	// EcurringFilterRefused answers 400 naming the first filter[...] parameter.
	EcurringFilterRefused
)

// EcurringPatchNull is what JSON null for an attribute in a PATCH does.
type EcurringPatchNull int

const (
	// EcurringNullClears clears the attribute (the default, as JSON:API has it).
	EcurringNullClears EcurringPatchNull = iota
	// EcurringNullIgnored keeps the stored value, as if the attribute were left out, and answers 200.
	EcurringNullIgnored
	// EcurringNullRefused answers 422 with a pointer at each attribute sent as null.
	EcurringNullRefused
)

// EcurringEmptyString is what "" for an optional attribute does.
type EcurringEmptyString int

const (
	// EcurringEmptyStored stores "", which reads back as "" (the default: the API itself
	// answers some unset attributes with "").
	EcurringEmptyStored EcurringEmptyString = iota
	// EcurringEmptyRefused answers 422 with a pointer at each attribute sent as "".
	EcurringEmptyRefused
)

// SetBehaviour switches the emulator to b and returns a function that restores the behaviour it
// had, for t.Cleanup. Tests that call it must not run in parallel with tests that use the same
// sandbox.
func (e *Ecurring) SetBehaviour(b EcurringBehaviour) (restore func()) { return e.behaviour.set(b) }
