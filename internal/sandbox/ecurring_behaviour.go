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
}

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
