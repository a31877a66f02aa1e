"""Password hashing with argon2id. The application keeps strong parameters; tests
may build a cheap hasher (the parameters travel inside each hash)."""

from __future__ import annotations

from argon2 import PasswordHasher as Argon2
from argon2.exceptions import InvalidHashError, VerificationError


class Argon2Hasher:
    def __init__(self, time_cost: int = 3, memory_cost: int = 65536, parallelism: int = 4) -> None:
        self._argon2 = Argon2(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)

    @classmethod
    def cheap(cls) -> Argon2Hasher:
        """Fast parameters for tests only."""
        return cls(time_cost=1, memory_cost=8, parallelism=1)

    def hash(self, password: str) -> str:
        return str(self._argon2.hash(password))

    def verify(self, hashed: str, password: str) -> bool:
        try:
            return bool(self._argon2.verify(hashed, password))
        except (VerificationError, InvalidHashError):
            return False
