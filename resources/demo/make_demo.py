#!/usr/bin/env python3
"""Builds the demo folder of ReviewDesk: synthetic case files with realistic clinical PDFs.

Usage: make_demo.py --cli PATH/TO/reviewdesk-cli --out DEMO_DIR --home DEMO_HOME

DEMO_HOME becomes the demo's REVIEWDESK_HOME, with three demo people (passwords "demo-password"):
  nurse.demo     Robin Demo, RN, reviewer
  dr.demo        Priya Demo, MD, FAAPMR, medical director
  admin.demo     Alex Demo, the administrator who keeps the demo's organization roster
The demo's roster and trust.json go to demo-config beside DEMO_HOME (the demo's
REVIEWDESK_CONFIG_DIR): an organization of its own, made the way an administrator makes one
(user add --request-out, roster init, roster add).

Everything here is invented: no real patient, clinician or plan. The PDFs are written with the
same hand-rolled PDF writer as the test PDFs (tests/data/make_test_pdfs.py); the case files are
made with reviewdesk-cli itself (new, then answer), so the demo goes through the product's own
checks. Dates are relative to the day the demo is built, so the due-by clocks mean something.
"""

import argparse
import datetime
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tests", "data"))
from make_test_pdfs import Pdf  # noqa: E402  (the shared PDF writer)

FOOTER = "SYNTHETIC DEMO RECORD - NOT A REAL PATIENT"


def clinic_note(path, member, dob, mid, visit, history, exam, gait, assessment, plan):
    pdf = Pdf()
    pdf.text_page("Harbor Children's Neuromuscular Clinic - Clinic Note", [
        "Patient: %s    DOB: %s    Member ID: %s    Visit: %s" % (member, dob, mid, visit),
        "Provider: Dr. Priya Demo, MD (pediatric physical medicine and rehabilitation)",
        "History: " + history,
        "Examination: " + exam,
        "Gait: " + gait,
    ], footer=FOOTER)
    pdf.text_page("Clinic Note - page 2", [
        "Assessment: " + assessment,
        "Plan: " + plan,
        "Signed electronically: Dr. Priya Demo, MD, %s." % visit,
    ], footer=FOOTER)
    pdf.write(path)


def therapy_notes(path, member, dob, visits, scanned_pages=1):
    pdf = Pdf()
    lines = ["%s: %s" % v for v in visits]
    pdf.text_page("Bayview Pediatric Therapy - Physical Therapy Notes",
                  ["Patient: %s    DOB: %s    Therapist: Robin Sample, PT, DPT" % (member, dob)] + lines[:3],
                  footer=FOOTER)
    if lines[3:]:
        pdf.text_page("Physical Therapy Notes (continued)", lines[3:], footer=FOOTER)
    for n in range(scanned_pages):
        pdf.scanned_page(101 + n)  # faxed flow sheets: image only, no text layer
    pdf.write(path)


def request_letter(path, member, mid, codes, question, reason):
    pdf = Pdf()
    pdf.text_page("Request for Prior Authorization - Motion Analysis", [
        "To: Utilization Management, Example Health Plan",
        "From: Harbor Children's Motion Analysis Laboratory",
        "Re: %s, Member ID %s" % (member, mid),
        "Services requested: %s." % ", ".join(codes),
        "Clinical question: " + question,
        "Reason: " + reason,
        "Equipment: 12-camera 3-D motion capture system calibrated daily, two force plates, and a 16-channel "
        "wireless surface EMG system with disposable surface electrodes. Studies are collected by a "
        "kinesiologist and interpreted by a pediatric physiatrist with gait laboratory fellowship training.",
        "Sincerely, Dr. Priya Demo, MD, Laboratory Medical Director",
    ], footer=FOOTER)
    pdf.write(path)


def outside_records(path, member, pages):
    """A long faxed bundle: mostly typed notes, every third page a scan without text."""
    pdf = Pdf()
    topics = ["Orthopaedic follow-up", "Neurology consultation", "Emergency department visit",
              "Orthotics clinic", "Radiology report", "School therapy summary"]
    for n in range(1, pages + 1):
        if n % 3 == 0:
            pdf.scanned_page(300 + n)
            continue
        topic = topics[n % len(topics)]
        pdf.text_page("Outside records, page %d of %d - %s" % (n, pages, topic), [
            "Patient: %s. Records received by fax from the referring practice." % member,
            "%s note. Interval history reviewed; medications unchanged; caregiver present." % topic,
            "Findings documented on page %d: tone and range of motion recorded, gait observed in clinic." % n,
            "Follow-up as scheduled. Copy sent to the primary care physician.",
        ], footer=FOOTER)
    pdf.write(path)


def folder(parent, name):
    path = os.path.join(parent, name)
    os.makedirs(path, exist_ok=True)
    return path


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:00Z")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cli", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--home", required=True)
    args = parser.parse_args()

    out = os.path.abspath(args.out)
    work = out + "-sources"
    home = os.path.abspath(args.home)
    for path in (out, work, home):
        shutil.rmtree(path, ignore_errors=True)
        os.makedirs(path)
    now = datetime.datetime.now(datetime.timezone.utc).replace(second=0, microsecond=0)
    today = now.date()

    cases = []

    # 1. The case of case-exchange.md, with a full chart: the reviewer's main demo.
    pdfs = [os.path.join(folder(work, "rivera"), name) for name in
            ("clinic-note.pdf", "therapy-notes.pdf", "lab-request.pdf", "outside-records.pdf")]
    clinic_note(pdfs[0], "Jordan Rivera", "2016-04-02", "M1002", (today - datetime.timedelta(days=12)).isoformat(),
                "10-year-old with spastic diplegic cerebral palsy, GMFCS level II. Walks without aids at home and "
                "school; falls twice a week. Serial casting of both calves last year; botulinum toxin to the "
                "calves twice with short benefit.",
                "Hamstring popliteal angle 60 degrees both sides, ankle dorsiflexion to 5 degrees with knee "
                "extended, Modified Ashworth 2 at hamstrings and calves. Selective motor control fair.",
                "Crouch gait with excessive knee flexion in stance and intermittent toe-walking on the right, "
                "worse when tired. Observational assessment cannot separate hamstring from calf contribution.",
                "Crouch gait in spastic diplegia. Muscle timing of hamstrings, rectus femoris and calves is "
                "suspected to drive the crouch; the pattern determines botulinum toxin targets.",
                "Instrumented 3-D gait analysis with dynamic surface EMG to determine which muscle groups to "
                "target for botulinum toxin injection, and whether rectus femoris is active in swing. Results "
                "will set the injection plan and the orthosis prescription.")
    therapy_notes(pdfs[1], "Jordan Rivera", "2016-04-02", [
        ("12 weeks ago", "Evaluation. Gross Motor Function Measure 71. Goals: reduce falls, walk 500 m."),
        ("9 weeks ago", "Visit 8. Stretching program, night ankle-foot orthoses tolerated."),
        ("6 weeks ago", "Visit 16. Strength improving; crouch unchanged at end of sessions."),
        ("3 weeks ago", "Visit 22. Plateau. Falls unchanged. Recommend physician review of tone management."),
        ("last week", "Visit 26. Discharge summary: 26 visits over 12 weeks of physical therapy, goals partly met."),
    ])
    request_letter(pdfs[2], "Jordan Rivera", "M1002", ["96000", "96002", "96004"],
                   "Which muscle groups to target for botulinum toxin injection.",
                   "Crouch gait and toe-walking despite 12 weeks of physical therapy and orthoses.")
    outside_records(pdfs[3], "Jordan Rivera", 120)
    cases.append(("demo-rivera.rdcase", {
        "member": {"id": "M1002", "name": "Jordan Rivera", "birthDate": "2016-04-02"},
        "provider": {"name": "Harbor Children's Motion Analysis Laboratory", "npi": "1234567893"},
        "request": {"receivedAt": iso(now - datetime.timedelta(days=2, hours=3)), "urgency": "standard",
                    "serviceDate": (today + datetime.timedelta(days=18)).isoformat(),
                    "lines": ["96000", "96002", "96004"], "diagnoses": ["G80.1"], "priorStudyDate": None,
                    "clinicalQuestion": "Which muscle groups to target for botulinum toxin injection"},
        "answers": {
            "indication": {"value": "met", "types": ["neuromuscular-disease", "gait-abnormality"],
                           "note": "Spastic diplegia, GMFCS II, crouch gait",
                           "evidence": [{"attachment": "clinic-note.pdf", "page": 1, "quote": "Crouch gait"}]},
            "management-impact": {"value": "met",
                                  "evidence": [{"attachment": "clinic-note.pdf", "page": 2,
                                                "quote": "determine which muscle groups to target"}]},
            "cosmetic": {"value": "no"},
        },
    }, pdfs))

    # 2. Expedited, pre-operative planning, both 96000 and 96001 requested (the code pair rule).
    pdfs2 = [os.path.join(folder(work, "chen"), name) for name in ("clinic-note.pdf", "lab-request.pdf")]
    clinic_note(pdfs2[0], "Sam Chen", "2017-08-21", "M2040", (today - datetime.timedelta(days=3)).isoformat(),
                "9-year-old with right hemiplegic cerebral palsy scheduled for multi-level surgery next month.",
                "Equinus 10 degrees on the right, knee recurvatum in stance, femoral anteversion 45 degrees.",
                "Right toe-walking with knee hyperextension; foot progression angle internal.",
                "Candidate for multi-level orthopaedic surgery; gait analysis will decide osteotomy levels.",
                "Pre-operative 3-D gait analysis with plantar pressure before surgery in four weeks.")
    request_letter(pdfs2[1], "Sam Chen", "M2040", ["96000", "96001", "96004"],
                   "Which osteotomies and tendon transfers the surgery should include.",
                   "Urgent surgical planning: surgery date set.")
    cases.append(("demo-chen.rdcase", {
        "member": {"id": "M2040", "name": "Sam Chen", "birthDate": "2017-08-21"},
        "provider": {"name": "Harbor Children's Motion Analysis Laboratory", "npi": "1234567893"},
        "request": {"receivedAt": iso(now - datetime.timedelta(hours=20)), "urgency": "expedited",
                    "serviceDate": (today + datetime.timedelta(days=10)).isoformat(),
                    "lines": ["96000", "96001", "96004"], "diagnoses": ["G80.2", "M21.6X1"],
                    "priorStudyDate": None,
                    "clinicalQuestion": "Levels of osteotomy and tendon transfer for multi-level surgery"},
        "answers": {},
    }, pdfs2))

    # 3. A young child, received nine days ago: overdue.
    pdfs3 = [os.path.join(folder(work, "okafor"), name) for name in ("clinic-note.pdf", "therapy-notes.pdf")]
    clinic_note(pdfs3[0], "Taylor Okafor", (today - datetime.timedelta(days=3 * 365 + 100)).isoformat(), "M3311",
                (today - datetime.timedelta(days=15)).isoformat(),
                "3-year-old toe-walker since walking onset; no neurological diagnosis.",
                "Ankle dorsiflexion to neutral, normal tone and reflexes.",
                "Persistent toe-walking with occasional heel strike when asked.",
                "Idiopathic toe-walking.", "Gait laboratory study requested to document the pattern.")
    therapy_notes(pdfs3[1], "Taylor Okafor", "(see clinic note)", [
        ("8 weeks ago", "Evaluation. Toe-walking 80 percent of steps."),
        ("4 weeks ago", "Visit 6. Stretching at home inconsistent."),
    ], scanned_pages=2)
    cases.append(("demo-okafor.rdcase", {
        "member": {"id": "M3311", "name": "Taylor Okafor",
                   "birthDate": (today - datetime.timedelta(days=3 * 365 + 100)).isoformat()},
        "provider": {"name": "Northside Gait Center", "npi": "1245319599"},
        "request": {"receivedAt": iso(now - datetime.timedelta(days=9)), "urgency": "standard",
                    "serviceDate": (today + datetime.timedelta(days=5)).isoformat(),
                    "lines": ["96000", "96004"], "diagnoses": ["R26.89"], "priorStudyDate": None,
                    "clinicalQuestion": "Document the toe-walking pattern"},
        "answers": {"indication": {"value": "met", "types": ["gait-abnormality"]},
                    "management-impact": {"value": "not-met",
                                          "note": "No treatment decision depends on the result."},
                    "baseline-only": {"value": "yes"}},
        "status": "awaiting-medical-director",
    }, pdfs3))

    # 4. An adult with a prosthesis asking for a repeat study.
    pdfs4 = [os.path.join(folder(work, "novak"), name) for name in ("prosthetics-note.pdf",)]
    clinic_note(pdfs4[0], "Casey Novak", "1988-01-30", "M4502", (today - datetime.timedelta(days=6)).isoformat(),
                "Transtibial amputation of the left leg after trauma in 2019; new socket fitted two months ago.",
                "Residual limb healthy; socket fit good.", "Mild lateral trunk lean on the prosthetic side.",
                "Gait deviation with a new prosthetic foot.",
                "Repeat motion analysis to compare with the study of last year and adjust alignment.")
    cases.append(("demo-novak.rdcase", {
        "member": {"id": "M4502", "name": "Casey Novak", "birthDate": "1988-01-30"},
        "provider": {"name": "Northside Gait Center", "npi": "1245319599"},
        "request": {"receivedAt": iso(now - datetime.timedelta(days=1, hours=5)), "urgency": "standard",
                    "serviceDate": (today + datetime.timedelta(days=21)).isoformat(),
                    "lines": ["96000", "96004"], "diagnoses": ["Z96.6"],
                    "priorStudyDate": (today - datetime.timedelta(days=400)).isoformat(),
                    "clinicalQuestion": "Prosthetic alignment with the new foot"},
        "answers": {},
    }, pdfs4))

    config = os.path.join(os.path.dirname(home), "demo-config")
    shutil.rmtree(config, ignore_errors=True)
    os.makedirs(config)
    env = dict(os.environ, REVIEWDESK_HOME=home, REVIEWDESK_CONFIG_DIR=config)
    password = b"demo-password\n"

    def cli(*command, password_in=True):
        subprocess.run([args.cli] + list(command), check=True, env=env, input=password if password_in else None,
                       stdout=subprocess.DEVNULL)

    people = [("nurse.demo", "Robin Demo", "RN", "reviewer", None, "1-800-555-0140"),
              ("dr.demo", "Priya Demo", "MD, FAAPMR", "medical-director", "1639172463", "1-800-555-0199")]
    cli("user", "add", "admin.demo", "--name", "Alex Demo", "--password-stdin")
    roster = os.path.join(config, "roster.json")
    cli("roster", "init", roster, "--admin", "admin.demo", "--password-stdin",
        "--trust-file", os.path.join(config, "trust.json"))
    for login, name, credentials, role, npi, phone in people:
        request = os.path.join(work, login + ".request.json")
        command = ["user", "add", login, "--name", name, "--credentials", credentials, "--phone", phone,
                   "--password-stdin", "--request-out", request]
        if npi:
            command += ["--npi", npi]
        cli(*command)
        cli("roster", "add", roster, "--request", request, "--role", role, "--admin", "admin.demo",
            "--password-stdin")

    for name, case, attachments in cases:
        source = os.path.join(work, name.replace(".rdcase", ".json"))
        with open(source, "w") as f:
            json.dump(case, f, indent=2)
        command = ["new", os.path.join(out, name), "--from", source, "--user", "nurse.demo", "--password-stdin"]
        for pdf in attachments:
            command += ["--attach", pdf]
        cli(*command)
    return 0


if __name__ == "__main__":
    sys.exit(main())
