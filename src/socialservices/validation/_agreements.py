"""AGR: services run for a municipality by others, and the contracts that cover them."""

from __future__ import annotations

from collections.abc import Iterator

from .._agreement import Agreement, PartyKind
from .._period import Period
from .._service import Service, operating_as_known
from ._coverage import gaps, overlapping_runs
from ._facts import Facts
from ._finding import Entity, Finding, Severity, listing
from ._rule import Rule

__all__ = ["RULES"]


def _contracts_with_provider(facts: Facts, service: Service) -> list[Agreement]:
    return [
        contract
        for contract in facts.management_contracts.get(service.id, ())
        if any(
            party.kind is PartyKind.PROVIDER and party.id == service.provider
            for party in contract.parties
        )
    ]


def _privately_run(facts: Facts) -> Iterator[tuple[Service, Period]]:
    for service in facts.registry.services:
        provider = facts.providers.get(service.provider)
        operating = operating_as_known(service)
        if (
            provider is not None
            and not provider.kind.is_public
            and operating is not None
            and operating.end != operating.start
        ):
            yield service, operating


def _uncovered(
    facts: Facts, *, after_contract: bool
) -> Iterator[tuple[Service, list[Agreement], Period]]:
    for service, operating in _privately_run(facts):
        contracts = _contracts_with_provider(facts, service)
        ends = {contract.period.end for contract in contracts}
        for gap in gaps(operating, [c.period for c in contracts]):
            if (gap.start in ends) is after_contract:
                yield service, contracts, gap


def _without_contract(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for service, _, gap in _uncovered(facts, after_contract=False):
        yield rule.finding(
            f"service {service.id} is run by provider {service.provider} with no "
            f"management contract in force from {gap.start}",
            (Entity.SERVICE, service.id),
            (Entity.PROVIDER, service.provider),
            fields=["Service.provider", "Agreement.period"],
            on=gap.start,
            period=facts.as_known(gap),
        )


def _contract_ended(rule: Rule, facts: Facts) -> Iterator[Finding]:
    for service, contracts, gap in _uncovered(facts, after_contract=True):
        ended = [c.id for c in contracts if c.period.end == gap.start]
        yield rule.finding(
            f"the management contract of service {service.id} ended on "
            f"{gap.start} while the service still runs under it",
            (Entity.SERVICE, service.id),
            *((Entity.AGREEMENT, id) for id in ended),
            fields=["Agreement.period", "Service.operating"],
            on=gap.start,
            period=facts.as_known(gap),
        )


def _overlapping_contracts(rule: Rule, facts: Facts) -> Iterator[Finding]:
    on = facts.on
    for service_id, contracts in sorted(facts.management_contracts.items()):
        ordered = sorted(contracts, key=lambda c: (c.period.start, c.id))
        if on is not None:  # a contract signed to start after the audit is not yet
            ordered = [c for c in ordered if c.period.start <= on]
        for run in overlapping_runs(ordered, _period_of_agreement):
            ids = [contract.id for contract in run.items]
            shared = run.shared
            if len(ids) == 2:
                message = (
                    f"management contracts {ids[0]} and {ids[1]} both "
                    f"cover service {service_id} from {shared.start}"
                )
            else:
                message = (
                    f"{len(ids)} management contracts cover service {service_id} "
                    f"in overlapping periods from {shared.start}, up to "
                    f"{run.most} at once: {listing(ids)}"
                )
            yield rule.finding(
                message,
                (Entity.SERVICE, service_id),
                *((Entity.AGREEMENT, id) for id in ids),
                fields=["Agreement.period", "Agreement.services"],
                on=shared.start,
                period=facts.as_known(shared),
                peak=run.most - 1,
            )


def _period_of_agreement(agreement: Agreement) -> Period:
    return agreement.period


RULES = (
    Rule(
        code="AGR001",
        title="A service run by an NGO or company has no management contract",
        severity=Severity.ERROR,
        rationale="A municipality may have a non-public provider run a service only "
        "under a management contract naming that provider and service. On these "
        "days there is none: nobody is accountable for the service, and its "
        "financing has no legal ground.",
        check=_without_contract,
        jurisdiction="BG",
    ),
    Rule(
        code="AGR002",
        title="Management contracts of one service overlap",
        severity=Severity.ERROR,
        rationale="Two contracts in force for the same service at once leave it "
        "unclear who runs it and who is paid; usually an old contract was not "
        "closed when a new one was signed. One finding per run of a service's "
        "overlapping contracts (contracts joined by a chain of overlaps), naming "
        "every contract of the run; its peak is how many contracts more than one "
        "were in force at most at once.",
        check=_overlapping_contracts,
    ),
    Rule(
        code="AGR003",
        title="A management contract ended while its service still runs",
        severity=Severity.ERROR,
        rationale="The service goes on after its contract ended and no new "
        "contract follows on: renew the contract or hand the service over.",
        check=_contract_ended,
        jurisdiction="BG",
    ),
)
