package sandbox

// KYCBehaviour picks the variants the NOAH emulator plays where the vendor's behaviour is
// unknown or varies; the zero value is the register's default.
type KYCBehaviour struct {
	// Verification is the course a new customer's verification takes. The default follows
	// NOAH's description of the Reliance PUT: approved synchronously.
	Verification KYCVerification
	// Verifications is the form of GET's Verifications member; default an object, as in the
	// current OpenAPI file (one open-source client also accepts an array).
	Verifications KYCVerificationsForm
	// NoDeprecatedVerification leaves out the deprecated Verification member, as NOAH may once
	// it is removed; by default GET has it (the OpenAPI file still marks it required).
	NoDeprecatedVerification bool
	// BodylessHash is the bodyHash claim a signed request without a body must have. By default
	// either form passes: one open-source client leaves it out, another hashes "".
	BodylessHash KYCBodylessHash
	// ShortCustomerIDs limits CustomerID to 36 characters, as the older API reference did; by
	// default it may have 42, as in the current OpenAPI file.
	ShortCustomerIDs bool
	// LastPage is how GET /customers marks the last page. The OpenAPI file only has PageToken
	// optional: it may be left out, be "", or (as with cursor-based stores that stop only when a
	// page comes back short) be handed out on every full page.
	LastPage KYCLastPage
}

// KYCLastPage is how a listing's last page looks.
type KYCLastPage int

const (
	// KYCLastPageNoToken leaves PageToken out of the last page (the default; the field is
	// optional in the OpenAPI file), even when that page is full.
	KYCLastPageNoToken KYCLastPage = iota
	// KYCLastPageEmptyToken answers "PageToken": "" on the last page.
	KYCLastPageEmptyToken
	// KYCFullPageToken hands out a PageToken with every full page, so when the customers fill
	// their last page exactly, following it answers one more page with no Items and no token.
	KYCFullPageToken
)

// KYCVerification is the course of a new customer's verification. A "read" is a GET of that
// customer; listings show the status without moving it on.
type KYCVerification int

const (
	// KYCApprovedAtOnce means Approved from the moment the PUT creates the customer.
	KYCApprovedAtOnce KYCVerification = iota
	// KYCPendingThenApproved means Pending on the first read, Approved from the second.
	KYCPendingThenApproved
	// KYCPendingThenDeclined means Pending on the first read, Declined from the second.
	KYCPendingThenDeclined
	// KYCStaysPending means Pending on every read.
	KYCStaysPending
)

// KYCVerificationsForm is the JSON form of GET's Verifications member.
type KYCVerificationsForm int

const (
	// KYCVerificationsObject means one Verifications object.
	KYCVerificationsObject KYCVerificationsForm = iota
	// KYCVerificationsArray means an array holding that one object.
	KYCVerificationsArray
	// KYCVerificationsAbsent means no Verifications member, as before NOAH introduced it.
	KYCVerificationsAbsent
)

// KYCBodylessHash is what a signature of a request without a body must say about bodyHash.
type KYCBodylessHash int

const (
	// KYCBodylessHashEither means bodyHash left out, or the SHA-256 of "".
	KYCBodylessHashEither KYCBodylessHash = iota
	// KYCBodylessHashOmitted means bodyHash must be left out.
	KYCBodylessHashOmitted
	// KYCBodylessHashOfEmpty means bodyHash must be the SHA-256 of "".
	KYCBodylessHashOfEmpty
)

// SetBehaviour switches the emulator to b and returns a function that restores the behaviour it
// had, for t.Cleanup. Tests that call it must not run in parallel with tests that use the same
// sandbox. A customer's verification follows the course set when it was created.
func (k *KYC) SetBehaviour(b KYCBehaviour) (restore func()) { return k.behaviour.set(b) }
