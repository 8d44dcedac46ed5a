"""What a run did: stored, duplicates, rejected by reason."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass
class RunSummary:
    seen: int = 0
    stored: int = 0
    duplicates: int = 0
    resumed: int = 0  # inputs a previous run already processed (counted above as they were then)
    skipped: Counter = field(default_factory=Counter)  # stored, but English-only stages skipped
    rejected: Counter = field(default_factory=Counter)
    seconds: float = 0.0

    def add_rejected(self, reason: str) -> None:
        self.rejected[reason] += 1

    def lines(self) -> list[str]:
        rate = self.seen / self.seconds if self.seconds else 0.0
        out = [f"inputs: {self.seen}  stored: {self.stored}  duplicates: {self.duplicates}  "
               f"rejected: {sum(self.rejected.values())}  ({self.seconds:.1f} s, {rate:.1f} docs/s)"]
        if self.resumed:
            out.append(f"  already processed by an earlier run (skipped): {self.resumed}")
        for reason, n in sorted(self.rejected.items(), key=lambda kv: (-kv[1], kv[0])):
            out.append(f"  rejected {reason}: {n}")
        for reason, n in sorted(self.skipped.items()):
            out.append(f"  stored without English-only stages ({reason}): {n}")
        return out
