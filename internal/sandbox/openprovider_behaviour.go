package sandbox

// OpenproviderBehaviour picks the variants the Openprovider emulator plays where the vendor's behaviour is
// unknown; the zero value is the register's default.
type OpenproviderBehaviour struct{}

// SetBehaviour switches the emulator to b and returns a function that restores the behaviour it
// had, for t.Cleanup. Tests that call it must not run in parallel with tests that use the same
// sandbox.
func (o *Openprovider) SetBehaviour(b OpenproviderBehaviour) (restore func()) {
	return o.behaviour.set(b)
}
