package sandbox

// KYCBehaviour picks the variants the NOAH emulator plays where the vendor's behaviour is
// unknown; the zero value is the register's default.
type KYCBehaviour struct{}

// SetBehaviour switches the emulator to b and returns a function that restores the behaviour it
// had, for t.Cleanup. Tests that call it must not run in parallel with tests that use the same
// sandbox.
func (k *KYC) SetBehaviour(b KYCBehaviour) (restore func()) { return k.behaviour.set(b) }
