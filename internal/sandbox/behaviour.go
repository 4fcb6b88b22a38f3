package sandbox

import "sync"

// Behaviour chooses, for every vendor behaviour whose evidence is "unknown" in the vendor
// behaviour register (docs/vendor-behaviour.md), which plausible variant an emulator plays. The
// zero value of each field is the variant the register names as the default; tests switch
// variants with the vendors' SetBehaviour to run the provider under each one.
type Behaviour struct {
	Openprovider OpenproviderBehaviour
	Ecurring     EcurringBehaviour
	KYC          KYCBehaviour
}

// switchable holds one emulator's behaviour, read per request and switched by tests.
type switchable[T any] struct {
	mu sync.Mutex
	v  T
}

func (s *switchable[T]) get() T {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.v
}

// set switches to v and returns a function that restores what was there before.
func (s *switchable[T]) set(v T) (restore func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.v
	s.v = v
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		s.v = old
	}
}
