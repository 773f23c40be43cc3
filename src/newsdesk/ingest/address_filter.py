"""Which addresses a feed list may make newsdesk connect to.

A feed list is untrusted: a URL in it, or a redirect a feed answers with, may
point at the network newsdesk runs in. The rules, in the order they apply:

- a cloud metadata name (``metadata.google.internal`` and the like) or
  address (169.254.169.254, fd00:ec2::254, ...) is never fetched;
- a link-local address (169.254.0.0/16, fe80::/10) is never fetched either:
  that is where metadata services answer, and no feed is served there;
- loopback (127.0.0.0/8, ::1) and private ranges (RFC 1918, shared
  100.64.0.0/10, unique local fc00::/7, site-local fec0::/10) are fetched
  only when the policy allows private addresses;
- any other address that is not global (reserved, unspecified, multicast,
  documentation, ...) is never fetched.

An IPv6 address that carries an IPv4 address is judged by the IPv4 address it
carries, since that is where a translator or a dual-stack socket sends the
packets: IPv4-mapped, IPv4-translated, IPv4-compatible, NAT64 (the
well-known prefix and the local-use 64:ff9b:1::/48), 6to4 and Teredo (its
server and its client). Python's ``is_global`` alone passes most of these
forms, so the ranges are named here.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

__all__ = ["Refusal", "judge_address", "judge_name"]

_Address = ipaddress.IPv4Address | ipaddress.IPv6Address

_METADATA_NAMES = frozenset(
    [
        "metadata",
        "metadata.google.internal",
        "metadata.goog",
        "instance-data",
        "instance-data.ec2.internal",
    ]
)
_METADATA_ADDRESSES = frozenset(
    ipaddress.ip_address(address)
    for address in (
        "169.254.169.254",  # AWS, Google Cloud, Azure, Oracle, DigitalOcean, OpenStack
        "169.254.170.2",  # AWS container credentials
        "fd00:ec2::254",  # AWS over IPv6
        "fd20:ce::254",  # Google Cloud over IPv6
        "100.100.100.200",  # Alibaba Cloud
        "168.63.129.16",  # Azure WireServer: a public address answered inside Azure
    )
)
_LINK_LOCAL = tuple(map(ipaddress.ip_network, ["169.254.0.0/16", "fe80::/10"]))
_LOOPBACK = tuple(map(ipaddress.ip_network, ["127.0.0.0/8", "::1/128"]))
_PRIVATE = tuple(
    ipaddress.ip_network(network)
    for network in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "100.64.0.0/10",  # shared address space (carrier-grade NAT)
        "fc00::/7",  # unique local
        "fec0::/10",  # site-local, deprecated by unique local and treated alike
    )
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")
# Under a local-use /48 an operator may embed the IPv4 address with any RFC 6052
# layout: these are the byte positions of its four octets for /96, /48, /56 and
# /64 (byte 8, the "u" octet, is always skipped).
_RFC6052_LAYOUTS = ((12, 13, 14, 15), (6, 7, 9, 10), (7, 9, 10, 11), (9, 10, 11, 12))
# "This network": a source address only, never a destination, so a layout that
# reads an address in it is not the layout in use.
_THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")


@dataclass(frozen=True)
class Refusal:
    """Why a connection is refused.

    ``judged`` is what was judged: the name, the address, or the IPv4 address
    an IPv6 one carries. ``allowable`` says whether allowing private
    addresses would let it through.
    """

    judged: str
    kind: str
    allowable: bool

    def explain(self, host: str, address: str) -> str:
        """One line for the run report, naming the host and what it reached."""
        hint = "allow it with --allow-private" if self.allowable else "never fetched"
        what = f"{self.kind} ({hint})"
        if self.judged == host:
            return f"{host} is {what}"
        subject = address if address == host else f"{host} resolves to {address}"
        if self.judged != address:
            return f"{subject}, which carries {self.judged}, {what}"
        return f"{subject}, {what}"


def judge_name(host: str) -> Refusal | None:
    """The refusal of a host name that names a cloud metadata service, or ``None``."""
    if host.lower().rstrip(".") in _METADATA_NAMES:
        return Refusal(host, "a cloud metadata name", allowable=False)
    return None


def judge_address(address: str, allow_private: bool = False) -> Refusal | None:
    """Why newsdesk may not connect to ``address``, or ``None`` when it may."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # a zone (fe80::1%eth0) routes nowhere else
    carried = _carried_ipv4(ip) if isinstance(ip, ipaddress.IPv6Address) else []
    judged_addresses: list[_Address] = list(carried) if carried else [ip]
    for judged in judged_addresses:
        refusal = _judge(judged)
        if refusal is not None and not (allow_private and refusal.allowable):
            return refusal
    return None


def _judge(ip: _Address) -> Refusal | None:
    if ip in _METADATA_ADDRESSES:
        return Refusal(str(ip), "a cloud metadata address", allowable=False)
    if any(ip in network for network in _LINK_LOCAL):
        return Refusal(str(ip), "a link-local address", allowable=False)
    if any(ip in network for network in _LOOPBACK):
        return Refusal(str(ip), "a loopback address", allowable=True)
    if any(ip in network for network in _PRIVATE):
        return Refusal(str(ip), "a private address", allowable=True)
    if not ip.is_global or ip.is_multicast:
        return Refusal(str(ip), "a reserved or special-purpose address", allowable=False)
    return None


def _carried_ipv4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address carries, where packets to it end up."""
    value = int(ip)
    low = ipaddress.IPv4Address(value & 0xFFFFFFFF)
    if ip.ipv4_mapped is not None:  # ::ffff:a.b.c.d
        return [ip.ipv4_mapped]
    if value >> 32 == 0xFFFF0000:  # ::ffff:0:a.b.c.d, IPv4-translated (SIIT)
        return [low]
    if value >> 32 == 0 and value > 1:  # ::a.b.c.d, IPv4-compatible (not :: or ::1)
        return [low]
    if ip in _NAT64:
        return [low]
    if ip in _LOCAL_NAT64:
        packed = ip.packed
        readings = [ipaddress.IPv4Address(bytes(packed[i] for i in at)) for at in _RFC6052_LAYOUTS]
        return [reading for reading in readings if reading not in _THIS_NETWORK] or readings[:1]
    if ip.sixtofour is not None:
        return [ip.sixtofour]
    if ip.teredo is not None:
        return list(ip.teredo)  # the server, then the client (its bits unflipped)
    return []
