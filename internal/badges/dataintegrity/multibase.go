package dataintegrity

import (
	"crypto/ed25519"
	"errors"
	"math/big"
	"strings"
)

const base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"

// Multicodec prefixes (unsigned varints) of Ed25519 keys in a Multikey.
var (
	ed25519PublicPrefix  = []byte{0xed, 0x01}
	ed25519PrivatePrefix = []byte{0x80, 0x26}
)

// EncodeBase58 is base58btc (the Bitcoin alphabet) with the multibase prefix 'z'.
func EncodeBase58(b []byte) string {
	zeros := 0
	for zeros < len(b) && b[zeros] == 0 {
		zeros++
	}
	n := new(big.Int).SetBytes(b)
	radix, mod := big.NewInt(58), new(big.Int)
	var out []byte
	for n.Sign() > 0 {
		n.DivMod(n, radix, mod)
		out = append(out, base58Alphabet[mod.Int64()])
	}
	for range zeros {
		out = append(out, base58Alphabet[0])
	}
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return "z" + string(out)
}

// DecodeBase58 reads a multibase base58btc string ('z' followed by base58btc).
func DecodeBase58(s string) ([]byte, error) {
	body, ok := strings.CutPrefix(s, "z")
	if !ok {
		return nil, errors.New("not a multibase base58btc value")
	}
	n, radix := new(big.Int), big.NewInt(58)
	zeros := 0
	for zeros < len(body) && body[zeros] == base58Alphabet[0] {
		zeros++
	}
	for i := 0; i < len(body); i++ {
		d := strings.IndexByte(base58Alphabet, body[i])
		if d < 0 {
			return nil, errors.New("not a base58btc character")
		}
		n.Mul(n, radix).Add(n, big.NewInt(int64(d)))
	}
	return append(make([]byte, zeros), n.Bytes()...), nil
}

// EncodePublicKey writes an Ed25519 public key as a Multikey's publicKeyMultibase:
// base58btc of the ed25519-pub multicodec prefix and the key ("z6Mk…").
func EncodePublicKey(pub ed25519.PublicKey) string {
	return EncodeBase58(append(append([]byte{}, ed25519PublicPrefix...), pub...))
}

// DecodePublicKey reads a publicKeyMultibase holding an Ed25519 public key.
func DecodePublicKey(s string) (ed25519.PublicKey, error) {
	b, err := DecodeBase58(s)
	if err != nil {
		return nil, err
	}
	key, ok := strings.CutPrefix(string(b), string(ed25519PublicPrefix))
	if !ok || len(key) != ed25519.PublicKeySize {
		return nil, errors.New("not an Ed25519 public key multikey")
	}
	return ed25519.PublicKey(key), nil
}

// DecodePrivateKey reads a secretKeyMultibase holding an Ed25519 seed (ed25519-priv
// multicodec), as test vectors publish keys.
func DecodePrivateKey(s string) (ed25519.PrivateKey, error) {
	b, err := DecodeBase58(s)
	if err != nil {
		return nil, err
	}
	seed, ok := strings.CutPrefix(string(b), string(ed25519PrivatePrefix))
	if !ok || len(seed) != ed25519.SeedSize {
		return nil, errors.New("not an Ed25519 secret key multikey")
	}
	return ed25519.NewKeyFromSeed([]byte(seed)), nil
}
