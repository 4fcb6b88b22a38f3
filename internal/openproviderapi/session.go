package openproviderapi

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"net/http"
	"sync"

	"github.com/customerhandles/terraform-provider-customers/internal/httpclient"
)

// Sessions holds one session per (base URL, username, password). Openprovider rate-limits logins
// and blacklists repeated identical calls, so every client of a provider process with the same
// credentials shares one token: the provider keeps one Sessions for its whole process. The zero
// value is ready to use.
type Sessions struct {
	byCredentials sync.Map // credentialsKey → *session
}

func (s *Sessions) get(endpoint httpclient.Endpoint, username, password string) *session {
	got, _ := s.byCredentials.LoadOrStore(credentialsKey(endpoint.Base.String(), username, password),
		&session{http: endpoint.HTTP, loginURL: endpoint.URL("/auth/login"), username: username, password: password})
	return got.(*session)
}

// credentialsKey identifies credentials without keeping the password itself as a map key.
func credentialsKey(baseURL, username, password string) string {
	sum := sha256.Sum256([]byte(password))
	return baseURL + "\x00" + username + "\x00" + string(sum[:])
}

// session is a bearer token shared by concurrent requests. Callers that see it rejected expire
// the generation they used, so that a burst of 401s triggers one login, not one each.
type session struct {
	http               *httpclient.Client // of the client that made the session
	loginURL           string
	username, password string

	mu         sync.Mutex
	value      string
	generation int
	refused    error // a login refused for a reason in loginHints: not retried in this process
}

// token returns the current token, logging in first when there is none.
func (s *session) token(ctx context.Context) (string, int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.refused != nil {
		return "", 0, s.refused
	}
	if s.value == "" {
		token, err := s.login(ctx)
		if err != nil {
			var apiErr *httpclient.APIError
			if errors.As(err, &apiErr) && loginHints[apiErr.Code] != "" {
				// A refusal the user must fix (credentials, 2FA, blacklist) is final for this
				// process: repeating it only eats into the failed-login rate limit. Anything
				// else, such as maintenance, is tried again by the next call.
				apiErr.Message += ": " + loginHints[apiErr.Code]
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

// login exchanges the credentials for a session token.
func (s *session) login(ctx context.Context) (string, error) {
	const op = "log in"
	var env envelope
	body := loginRequest{Username: s.username, Password: s.password, IP: "0.0.0.0"}
	// A lost login answer is harmless to repeat: the next login only issues another token.
	resp, err := s.http.CallJSON(ctx, httpclient.Call{Operation: op, Method: http.MethodPost, URL: s.loginURL, Body: body, Repeatable: true}, &env)
	if err != nil {
		return "", err
	}
	var data loginData
	if err := json.Unmarshal(env.Data, &data); err != nil || data.Token == "" {
		return "", &httpclient.APIError{Service: service, Operation: op, StatusCode: resp.StatusCode, Message: "the response carries no token"}
	}
	s.http.AddSecret(data.Token)
	return data.Token, nil
}
