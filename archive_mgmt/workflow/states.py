"""The workflow states of the app's workflows (the JSON beside this file), one name each.

The same word is one constant wherever it appears (Draft, Approved, Rejected …); tests/unit checks that the
names here and the states of the shipped workflows are the same set.
"""

DRAFT = "Draft"

# Archive Item filing (archive_item_filing.json)
PENDING_REVIEW = "Pending Review"
FILED = "Filed"
RETURNED = "Returned"

# Loan Request (loan_request_approval.json), Destruction Batch (destruction_approval.json) and
# Declassification Review (declassification_review.json)
PENDING_OFFICE_DIRECTOR = "Pending Office Director"
PENDING_LEADER = "Pending Leader"
PENDING_SECRECY = "Pending Secrecy Approval"
PENDING_PRINCIPAL = "Pending Principal"
APPRAISAL = "Appraisal"
APPROVED = "Approved"
ISSUED = "Issued"
ITEMS_RETURNED = "Items Returned"
COMPLETED = "Completed"
DESTROYED = "Destroyed"
REJECTED = "Rejected"
CANCELLED = "Cancelled"

# Handover List (handover.json)
HANDOVER_SUBMITTED = "Handover Submitted"
HANDOVER_RECEIVED = "Handover Received"

# Incoming Office Document (incoming_office_document.json): 登记 → 拟办 → 批办 → 承办 → 办结
REGISTERED = "Registered"
PENDING_PROPOSAL = "Pending Proposal"
PENDING_INSTRUCTION = "Pending Instruction"
HANDLING = "Handling"
CONCLUDED = "Concluded"

# Outgoing Office Document (outgoing_office_document.json): 拟稿 → 核稿 → 会签 → 签发 → 编号 → 用印 → 分发 → 办结
DRAFTING = "Drafting"
CHECKING = "Checking"
COUNTERSIGNING = "Countersigning"
PENDING_SIGNATURE = "Pending Signature"
NUMBERING = "Numbering"
SEALING = "Sealing"
DISTRIBUTING = "Distributing"
