package sandbox

// OpenproviderBehaviour picks the variants the Openprovider emulator plays where the vendor's behaviour is
// unknown; the zero value is the register's default.
type OpenproviderBehaviour struct {
	// Clearing is how a PUT removes an optional value (vat, fax, comments, tags, additional and
	// extension data, and the optional parts of address, phone and fax). Openprovider documents
	// only that an update "takes all the input parameters of Create Customer".
	Clearing OpenproviderClearing
	// EmptyFax is what a fax object whose parts are all empty means. The API has no other
	// documented way to say "no fax", but nothing shows that it accepts this one.
	EmptyFax OpenproviderEmptyFax
	// UnlistedAdditionalData is what happens to additional_data keys outside Openprovider's spec,
	// such as cost_center, which only its knowledge-base example of an update carries.
	UnlistedAdditionalData OpenproviderUnlistedKeys
	// DeletedRead is how GET answers for a handle that was deleted (handles are soft-deleted).
	DeletedRead OpenproviderDeletedRead
	// ListOverMax is what GET /customers does with a limit above 1000: the spec says nothing,
	// the API notes only that 1000 is the maximum.
	ListOverMax OpenproviderListOverMax
	// PatternCase is whether the *_pattern filters of GET /customers compare letters
	// case-insensitively; the spec says only "full or partial" value with "*" wildcards.
	PatternCase OpenproviderPatternCase
	// PatternNoWildcard is what a *_pattern without "*" matches: the whole value, or any value
	// containing it ("full or partial" in the spec can be read either way).
	PatternNoWildcard OpenproviderPatternNoWildcard
	// PatternSQLWildcards makes "%" and "_" in a *_pattern wildcards too (any run of characters,
	// any one character), as when "*" is turned into SQL LIKE's "%" without escaping the rest:
	// a pattern "a_b@example.com" then also matches "axb@example.com". Off by default.
	PatternSQLWildcards bool
	// ListDeleted makes GET /customers list soft-deleted handles too (with is_deleted true and
	// their deleted_at), counted in data.total. Off by default: a deleted handle is gone.
	ListDeleted bool
}

// OpenproviderListOverMax is what a list limit above 1000 does.
type OpenproviderListOverMax int

const (
	// OpenproviderListOverMaxRefused answers HTTP 400, code 100, "limit must be at most 1000"
	// (the default: the documented maximum is enforced).
	OpenproviderListOverMaxRefused OpenproviderListOverMax = iota
	// OpenproviderListOverMaxClamped serves 1000 results as if limit were 1000, silently: a client
	// that asked for more and stops when a page is shorter than its limit stops too early.
	OpenproviderListOverMaxClamped
)

// OpenproviderPatternCase is how the list's *_pattern filters compare letters.
type OpenproviderPatternCase int

const (
	// OpenproviderPatternCaseInsensitive ignores case (the default: SQL LIKE under the usual
	// case-insensitive collation; e-mail addresses are case-insensitive in practice).
	OpenproviderPatternCaseInsensitive OpenproviderPatternCase = iota
	// OpenproviderPatternCaseSensitive compares letters exactly: "smith" does not find "Smith".
	OpenproviderPatternCaseSensitive
)

// OpenproviderPatternNoWildcard is what a *_pattern without "*" matches.
type OpenproviderPatternNoWildcard int

const (
	// OpenproviderPatternExact matches only the whole value (the default: the spec offers "*" to
	// match a part, so a pattern without it is the full value).
	OpenproviderPatternExact OpenproviderPatternNoWildcard = iota
	// OpenproviderPatternContains matches every value containing the pattern, as if it were
	// "*pattern*": "ann@example.com" also finds "joann@example.com".
	OpenproviderPatternContains
)

// OpenproviderClearing is how a PUT removes an optional value.
type OpenproviderClearing int

const (
	// OpenproviderEmptyClears means a key in the body replaces the stored value wholesale (an object
	// without an optional part has no such part any more), an empty value ("", [], an all-empty
	// object, null) clears it, and a key left out keeps what is stored. The default: the
	// knowledge-base example of an update sends "" for the additional data it does not use.
	OpenproviderEmptyClears OpenproviderClearing = iota
	// OpenproviderEmptyIgnored means an empty value, or an empty or missing part of an object, is
	// ignored and the stored value kept, as is every key left out: nothing can be cleared.
	OpenproviderEmptyIgnored
	// OpenproviderPutReplaces means the body replaces the whole record, so every mutable key left out
	// is cleared (locale returns to the account's default); empty values clear too.
	OpenproviderPutReplaces
)

// OpenproviderEmptyFax is what an all-empty fax object means.
type OpenproviderEmptyFax int

const (
	// OpenproviderEmptyFaxIsNone accepts it as "no fax" (the default; it is the only way to say
	// so the request shape allows).
	OpenproviderEmptyFaxIsNone OpenproviderEmptyFax = iota
	// OpenproviderEmptyFaxRejected refuses it as an invalid phone number (HTTP 400, code 133).
	OpenproviderEmptyFaxRejected
)

// OpenproviderUnlistedKeys is what happens to additional_data keys outside the spec.
type OpenproviderUnlistedKeys int

const (
	// OpenproviderUnlistedStored stores them and GET returns them (the default: Openprovider's
	// own example of an update sends them).
	OpenproviderUnlistedStored OpenproviderUnlistedKeys = iota
	// OpenproviderUnlistedDropped accepts the request and drops them silently.
	OpenproviderUnlistedDropped
	// OpenproviderUnlistedRejected refuses the request (HTTP 400, code 151, naming the key).
	OpenproviderUnlistedRejected
)

// OpenproviderDeletedRead is how GET answers for a deleted handle.
type OpenproviderDeletedRead int

const (
	// OpenproviderDeletedNotFound answers HTTP 500 with code 193, as for a handle that never
	// existed (the default: the API notes list "GET of a deleted or unknown handle" among the
	// HTTP 500 business errors).
	OpenproviderDeletedNotFound OpenproviderDeletedRead = iota
	// OpenproviderDeletedFlagged answers 200 with the record, is_deleted true and the time of
	// deletion in deleted_at (the fields exist in every GET because handles are soft-deleted).
	OpenproviderDeletedFlagged
)

// SetBehaviour switches the emulator to b and returns a function that restores the behaviour it
// had, for t.Cleanup. Tests that call it must not run in parallel with tests that use the same
// sandbox.
func (o *Openprovider) SetBehaviour(b OpenproviderBehaviour) (restore func()) {
	return o.behaviour.set(b)
}
