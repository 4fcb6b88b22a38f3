package openprovider

import (
	"context"
	"errors"
	"sync"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

// sessions holds one session per (base URL, username, password) for the life of the process.
var sessions sync.Map // passwordKey → *session

func sharedSession(baseURL, username, password string) *session {
	s, _ := sessions.LoadOrStore(passwordKey(baseURL, username, password), &session{username: username, password: password})
	return s.(*session)
}

// session is a bearer token shared by concurrent requests. Callers that see it rejected expire
// the generation they used, so that a burst of 401s triggers one login, not one each.
type session struct {
	username, password string

	mu         sync.Mutex
	value      string
	generation int
	refused    error // a login refused for a reason in loginHints: not retried in this process
}

// token returns the current token, logging in first when there is none.
func (s *session) token(ctx context.Context, c *Client) (string, int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refused != nil {
		return "", 0, s.refused
	}
	if s.value == "" {
		token, err := c.login(ctx, s.username, s.password)
		if err != nil {
			var apiErr *httpclient.APIError
			if errors.As(err, &apiErr) && loginHints[apiErr.Code] != "" {
				// A refusal the user must fix (credentials, 2FA, blacklist) is final for this
				// process: repeating it only eats into the failed-login rate limit. Anything
				// else, such as maintenance, is tried again by the next call.
				s.refused = err
			}
			return "", 0, err
		}
		s.value = token
		s.generation++
	}
	return s.value, s.generation, nil
}

// expire forgets the token of the given generation; a newer token is kept.
func (s *session) expire(generation int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.generation == generation {
		s.value = ""
	}
}
