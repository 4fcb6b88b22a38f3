package sandbox

// EcurringBehaviour picks the variants the eCurring emulator plays where the vendor's behaviour is
// unknown; the zero value is the register's default.
type EcurringBehaviour struct{}

// SetBehaviour switches the emulator to b and returns a function that restores the behaviour it
// had, for t.Cleanup. Tests that call it must not run in parallel with tests that use the same
// sandbox.
func (e *Ecurring) SetBehaviour(b EcurringBehaviour) (restore func()) { return e.behaviour.set(b) }
