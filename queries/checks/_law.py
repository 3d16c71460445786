"""The provisions the rules test, each with its words and how far those words were verified.

Verified texts were read on legislation.gov.uk. The DfE and DH guidance could not be read at its
published address here; where a seed document or the LGA quotes it, the quotation is used and said
to be a quotation; otherwise the citation is marked a paraphrase.
"""

from __future__ import annotations

from ._rule import PARAPHRASE, QUOTED, VERIFIED, Citation

LGHA_S4 = Citation(
    "Local Government and Housing Act 1989 s.4(1)(a)",
    "It shall be the duty of every relevant authority\u2014 (a) to designate one of their officers as the head of "
    "their paid service",
    VERIFIED,
    "legislation.gov.uk/ukpga/1989/42/section/4",
)
LGHA_S5_1 = Citation(
    "Local Government and Housing Act 1989 s.5(1)",
    "and the officer so designated may be the head of the authority\u2019s paid service ... but shall not be their "
    "chief finance officer.",
    VERIFIED,
    "legislation.gov.uk/ukpga/1989/42/section/5",
)
LGHA_S5_1A = Citation(
    "Local Government and Housing Act 1989 s.5(1A) (inserted by the Local Government Act 2000, Sch.5 para.24)",
    "The officer designated under subsection (1) above by a relevant authority to which this subsection applies "
    "may not be the head of that authority\u2019s paid service.",
    VERIFIED,
    "legislation.gov.uk/ukpga/2000/22/schedule/5",
)
LGA_S151 = Citation(
    "Local Government Act 1972 s.151",
    "every local authority shall make arrangements for the proper administration of their financial affairs and "
    "shall secure that one of their officers has responsibility for the administration of those affairs",
    PARAPHRASE,
)
CHILDREN_ACT_S18_19 = Citation(
    "Children Act 2004 ss.18-19",
    "a children's services authority in England must appoint a Director of Children's Services and designate "
    "one of its members as Lead Member for Children's Services",
    PARAPHRASE,
)
DFE_2013_FIRST_TIER = Citation(
    "DfE, Statutory guidance on the roles and responsibilities of the DCS and LMCS (April 2013)",
    "The DCS has professional responsibility for the leadership, strategy and effectiveness of local authority "
    "children's services and should be at first tier officer level, reporting directly to the Chief Executive.",
    QUOTED,
    "Sandwell MBC report of 16 January 2018, para 3.12",
)
DFE_2013_REPORTING = Citation(
    "DfE, Statutory guidance on the roles and responsibilities of the DCS and LMCS (April 2013)",
    "The DCS and the LMCS should report to the chief executive and to the council leader or mayor respectively "
    "as the post holders with ultimate responsibility for the political and corporate leadership of the council",
    QUOTED,
    "LGA, 'What chief executives must know about children's services'",
)
DFE_2013_EDUCATION_AND_CARE = Citation(
    "DfE, Statutory guidance on the roles and responsibilities of the DCS and LMCS (April 2013), with Children "
    "Act 2004 s.18(2)",
    "one officer, the DCS, is responsible for the local authority's education and children's social care functions",
    PARAPHRASE,
)
DFE_2013_LOCAL_TEST = Citation(
    "DfE, Statutory guidance on the roles and responsibilities of the DCS and LMCS (April 2013)",
    "local authorities should undertake a local test of assurance so that the focus on outcomes for children and "
    "young people will not be weakened or diluted as a result of adding other such responsibilities",
    QUOTED,
    "the LGA Children's Improvement Adviser's letter to Harrow, 5 June 2015, para 5",
)
DH_2006_SAME_LEVEL = Citation(
    "Department of Health, Guidance on the statutory chief officer post of the Director of Adult Social Services "
    "(2006, issued under LASSA 1970 s.7(1))",
    "the two statutory posts of Director of Children's Services and Director of Adult Social Services should be at "
    "the same level (as Barnet's report of 13 October 2014, para 5.3.2, summarises the guidance)",
    PARAPHRASE,
)
DH_2006_ACCOUNTABLE = Citation(
    "Department of Health, Guidance on the statutory chief officer post of the Director of Adult Social Services "
    "(2006, issued under LASSA 1970 s.7(1))",
    "the DASS should be directly accountable to the chief executive",
    PARAPHRASE,
)
NHS_S73A = Citation(
    "National Health Service Act 2006 s.73A(1)",
    "Each local authority must, acting jointly with the Secretary of State, appoint an individual to have "
    "responsibility for\u2014",
    VERIFIED,
    "legislation.gov.uk/ukpga/2006/41/section/73A",
)
DPH_GUIDANCE = Citation(
    "Department of Health / UKHSA guidance on directors of public health in local government",
    "the director of public health should have a direct line of accountability to the chief executive",
    PARAPHRASE,
)
STATUTORY_APPOINTMENTS = Citation(
    "Children Act 2004 s.18, LASSA 1970 s.6, LGHA 1989 ss.4-5, LGA 1972 s.151, NHS Act 2006 s.73A",
    "the council must appoint to its statutory offices; an interim or acting arrangement, or a vacancy, leaves "
    "the office exposed",
    PARAPHRASE,
)
OUTSIDE_BODIES = Citation(
    "DfE, Statutory guidance on the roles and responsibilities of the DCS and LMCS (April 2013)",
    "where children's services are delivered by other bodies, statutory accountability remains with the council "
    "and its DCS",
    PARAPHRASE,
)
