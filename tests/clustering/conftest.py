"""Fictional articles written for these tests: three events, one wire story republished."""

from __future__ import annotations

import pytest

from rashomon.article import Article

WIRE = (
    "The harbour authority of Port Elsin closed the northern container terminal on Tuesday "
    "after a crane collapsed onto a cargo ship during a storm, injuring two dock workers. "
    "Harbour master Ilse Brandt said the terminal would stay shut until engineers had "
    "inspected the remaining cranes, which could take until the end of the week. Shipping "
    "lines were asked to divert vessels to the southern terminal, where queues already "
    "stretched for several kilometres. The dock workers' union called for an independent "
    "inquiry into the maintenance of the cranes."
)

ARTICLES = {
    "wire": Article(
        source="wire.txt",
        title="Crane collapse shuts Port Elsin terminal",
        text="Crane collapse shuts Port Elsin terminal\n" + WIRE,
        outlet="Northern Wire",
        published="2031-05-06",
    ),
    "copy": Article(
        source="copy.txt",
        title="Port Elsin terminal closed after crane accident",
        text="Port Elsin terminal closed after crane accident\n"
        + WIRE.replace("on Tuesday", "on Tuesday,")
        + "\nShare this article. Related: more news from the coast.",
        outlet="Coast Daily",
        published="2031-05-06",
    ),
    "follow": Article(
        source="follow.txt",
        title="Port Elsin reopens northern terminal after crane inspections",
        text="Port Elsin reopens northern terminal after crane inspections\n"
        "Engineers finished inspecting the cranes at Port Elsin's northern container terminal "
        "on Friday, three days after a crane fell onto a cargo ship in a storm. Harbour master "
        "Ilse Brandt said ships could berth again from Saturday. The union still wants an "
        "inquiry into crane maintenance at the port.",
        outlet="Harbour Times",
        published="2031-05-09",
    ),
    "vote": Article(
        source="vote.txt",
        title="Valmora parliament approves water tax",
        text="Valmora parliament approves water tax\n"
        "Lawmakers in Valmora approved a tax on bottled water on Wednesday by 61 votes to 40, "
        "after a night of debate. Finance minister Teodor Lask said the money would pay for "
        "new pipes in rural districts. The opposition Green Alliance voted against, saying "
        "the tax would hurt poorer families most.",
        outlet="Valmora Post",
        published="2031-05-07",
    ),
    "vote2": Article(
        source="vote2.txt",
        title="Water tax passes in Valmora despite Green Alliance protest",
        text="Water tax passes in Valmora despite Green Alliance protest\n"
        "Valmora's parliament passed Teodor Lask's bottled-water tax late on Wednesday. The "
        "finance minister promised that rural districts would get new water pipes. Green "
        "Alliance members walked out of the chamber before the vote, calling the tax unfair "
        "to poor households.",
        outlet="Daily Valmoran",
        published="2031-05-07",
    ),
    "final": Article(
        source="final.txt",
        title="Ostrava Lions win the northern cup final",
        text="Ostrava Lions win the northern cup final\n"
        "The Ostrava Lions beat Kessel United 3-1 in the northern cup final on Sunday, with "
        "two goals from striker Mara Quist. Coach Anton Vell said his team had finally shown "
        "what it could do in a big match. Kessel United's coach blamed a wet pitch.",
        outlet="Sport North",
        published="2031-05-11",
    ),
}


@pytest.fixture()
def articles() -> dict[str, Article]:
    return dict(ARTICLES)
