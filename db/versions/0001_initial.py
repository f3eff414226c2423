"""The whole schema of R2P Desktop 0.1: catalogue, records, links and the audit trail.

Revision ID: 0001_initial
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('audit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user', sa.String(length=120), nullable=False),
    sa.Column('action', sa.String(length=10), nullable=False),
    sa.Column('table_name', sa.String(length=60), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('record_uid', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=True),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.Column('previous_hash', sa.String(length=64), nullable=False),
    sa.Column('entry_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries'))
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_record_uid'), ['record_uid'], unique=False)

    op.create_table('bodies',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('abbreviation', sa.String(length=40), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.Column('confidentiality', sa.String(length=12), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("confidentiality IN ('public', 'committee', 'restricted')", name=op.f('ck_bodies_confidentiality_valid')),
    sa.CheckConstraint("kind IN ('ministry', 'nhri', 'ombudsperson', 'focal_point', 'committee', 'other')", name=op.f('ck_bodies_kind_valid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bodies')),
    sa.UniqueConstraint('name', name=op.f('uq_bodies_name')),
    sa.UniqueConstraint('uid', name=op.f('uq_bodies_uid'))
    )
    op.create_table('debates',
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('chamber', sa.String(length=120), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('sitting_minutes', sa.Integer(), nullable=True),
    sa.Column('motion', sa.Text(), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.Column('confidentiality', sa.String(length=12), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("confidentiality IN ('public', 'committee', 'restricted')", name=op.f('ck_debates_confidentiality_valid')),
    sa.CheckConstraint("status IN ('planned', 'held')", name=op.f('ck_debates_status_valid')),
    sa.CheckConstraint('sitting_minutes IS NULL OR sitting_minutes >= 0', name=op.f('ck_debates_sitting_minutes_non_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_debates')),
    sa.UniqueConstraint('uid', name=op.f('uq_debates_uid'))
    )
    with op.batch_alter_table('debates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_debates_date'), ['date'], unique=False)

    op.create_table('instruments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=80), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('short_title', sa.String(length=120), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_instruments')),
    sa.UniqueConstraint('code', name=op.f('uq_instruments_code'))
    )
    op.create_table('pillars',
    sa.Column('number', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('number', name=op.f('pk_pillars'))
    )
    op.create_table('risk_factors',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('applies_to', sa.String(length=30), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.CheckConstraint("applies_to IN ('all', 'genocide', 'crimes-against-humanity', 'war-crimes')", name=op.f('ck_risk_factors_applies_to_valid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_factors')),
    sa.UniqueConstraint('code', name=op.f('uq_risk_factors_code')),
    sa.UniqueConstraint('number', name=op.f('uq_risk_factors_number'))
    )
    op.create_table('sources',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_sources'))
    )
    op.create_table('agenda_items',
    sa.Column('debate_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('speakers', sa.Text(), nullable=False),
    sa.Column('allotted_minutes', sa.Integer(), nullable=True),
    sa.Column('outcome_notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.Column('confidentiality', sa.String(length=12), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("confidentiality IN ('public', 'committee', 'restricted')", name=op.f('ck_agenda_items_confidentiality_valid')),
    sa.CheckConstraint('allotted_minutes IS NULL OR allotted_minutes >= 0', name=op.f('ck_agenda_items_allotted_minutes_non_negative')),
    sa.CheckConstraint('position IS NULL OR position >= 0', name=op.f('ck_agenda_items_position_non_negative')),
    sa.ForeignKeyConstraint(['debate_id'], ['debates.id'], name=op.f('fk_agenda_items_debate_id_debates'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_items')),
    sa.UniqueConstraint('uid', name=op.f('uq_agenda_items_uid'))
    )
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_items_debate_id'), ['debate_id'], unique=False)

    op.create_table('budget_items',
    sa.Column('fiscal_year', sa.Integer(), nullable=False),
    sa.Column('debate_date', sa.Date(), nullable=True),
    sa.Column('body_id', sa.Integer(), nullable=True),
    sa.Column('programme', sa.String(length=300), nullable=False),
    sa.Column('scope', sa.String(length=30), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('amount_requested', sa.Integer(), nullable=True),
    sa.Column('amount_allocated', sa.Integer(), nullable=True),
    sa.Column('amount_spent', sa.Integer(), nullable=True),
    sa.Column('question_raised', sa.Text(), nullable=False),
    sa.Column('government_response', sa.Text(), nullable=False),
    sa.Column('committee_position', sa.Text(), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.Column('confidentiality', sa.String(length=12), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("confidentiality IN ('public', 'committee', 'restricted')", name=op.f('ck_budget_items_confidentiality_valid')),
    sa.CheckConstraint("scope IN ('domestic_prevention', 'international_assistance', 'peacekeeping', 'humanitarian', 'other')", name=op.f('ck_budget_items_scope_valid')),
    sa.CheckConstraint('amount_allocated IS NULL OR amount_allocated >= 0', name=op.f('ck_budget_items_amount_allocated_non_negative')),
    sa.CheckConstraint('amount_requested IS NULL OR amount_requested >= 0', name=op.f('ck_budget_items_amount_requested_non_negative')),
    sa.CheckConstraint('amount_spent IS NULL OR amount_spent >= 0', name=op.f('ck_budget_items_amount_spent_non_negative')),
    sa.CheckConstraint('fiscal_year BETWEEN 1900 AND 2200', name=op.f('ck_budget_items_fiscal_year_range')),
    sa.CheckConstraint('length(currency) = 3 AND currency = upper(currency)', name=op.f('ck_budget_items_currency_iso')),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_budget_items_body_id_bodies'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_budget_items')),
    sa.UniqueConstraint('uid', name=op.f('uq_budget_items_uid'))
    )
    with op.batch_alter_table('budget_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_items_body_id'), ['body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_budget_items_fiscal_year'), ['fiscal_year'], unique=False)

    op.create_table('commitments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=80), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('source_code', sa.String(length=40), nullable=False),
    sa.Column('reference', sa.String(length=80), nullable=False),
    sa.Column('actor', sa.String(length=20), nullable=False),
    sa.Column('pillar_number', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.CheckConstraint("actor IN ('government', 'parliament', 'nhri', 'international')", name=op.f('ck_commitments_actor_valid')),
    sa.ForeignKeyConstraint(['pillar_number'], ['pillars.number'], name=op.f('fk_commitments_pillar_number_pillars'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['source_code'], ['sources.code'], name=op.f('fk_commitments_source_code_sources'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitments')),
    sa.UniqueConstraint('code', name=op.f('uq_commitments_code'))
    )
    op.create_table('documents',
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('author_body_id', sa.Integer(), nullable=True),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.Column('confidentiality', sa.String(length=12), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("confidentiality IN ('public', 'committee', 'restricted')", name=op.f('ck_documents_confidentiality_valid')),
    sa.CheckConstraint("kind IN ('nhri_annual_report', 'risk_assessment', 'upr_report', 'shadow_report', 'government_reply', 'other')", name=op.f('ck_documents_kind_valid')),
    sa.ForeignKeyConstraint(['author_body_id'], ['bodies.id'], name=op.f('fk_documents_author_body_id_bodies'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('uid', name=op.f('uq_documents_uid'))
    )
    op.create_table('instrument_statuses',
    sa.Column('instrument_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('status_date', sa.Date(), nullable=True),
    sa.Column('implementing_legislation', sa.Text(), nullable=False),
    sa.Column('reservations', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.Column('confidentiality', sa.String(length=12), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("confidentiality IN ('public', 'committee', 'restricted')", name=op.f('ck_instrument_statuses_confidentiality_valid')),
    sa.CheckConstraint("status IN ('not_signed', 'signed', 'ratified', 'acceded')", name=op.f('ck_instrument_statuses_status_valid')),
    sa.ForeignKeyConstraint(['instrument_id'], ['instruments.id'], name=op.f('fk_instrument_statuses_instrument_id_instruments'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_instrument_statuses')),
    sa.UniqueConstraint('instrument_id', name=op.f('uq_instrument_statuses_instrument_id')),
    sa.UniqueConstraint('uid', name=op.f('uq_instrument_statuses_uid'))
    )
    op.create_table('people',
    sa.Column('full_name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('party', sa.String(length=120), nullable=False),
    sa.Column('constituency', sa.String(length=120), nullable=False),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=True),
    sa.Column('active_from', sa.Date(), nullable=True),
    sa.Column('active_until', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.Column('confidentiality', sa.String(length=12), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("confidentiality IN ('public', 'committee', 'restricted')", name=op.f('ck_people_confidentiality_valid')),
    sa.CheckConstraint("kind IN ('mp', 'minister', 'official', 'expert', 'other')", name=op.f('ck_people_kind_valid')),
    sa.CheckConstraint('active_until IS NULL OR active_from IS NULL OR active_until >= active_from', name=op.f('ck_people_active_until_not_before_active_from')),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_people_body_id_bodies'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('uid', name=op.f('uq_people_uid'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_body_id'), ['body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_people_full_name'), ['full_name'], unique=False)

    op.create_table('budget_item_commitments',
    sa.Column('budget_item_id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['budget_item_id'], ['budget_items.id'], name=op.f('fk_budget_item_commitments_budget_item_id_budget_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_budget_item_commitments_commitment_id_commitments'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('budget_item_id', 'commitment_id', name=op.f('pk_budget_item_commitments'))
    )
    with op.batch_alter_table('budget_item_commitments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_budget_item_commitments_commitment_id'), ['commitment_id'], unique=False)

    op.create_table('commitment_assessments',
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.Column('confidentiality', sa.String(length=12), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("confidentiality IN ('public', 'committee', 'restricted')", name=op.f('ck_commitment_assessments_confidentiality_valid')),
    sa.CheckConstraint("status IN ('not_started', 'in_progress', 'achieved', 'not_applicable')", name=op.f('ck_commitment_assessments_status_valid')),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_commitment_assessments_commitment_id_commitments'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_commitment_assessments')),
    sa.UniqueConstraint('commitment_id', name=op.f('uq_commitment_assessments_commitment_id')),
    sa.UniqueConstraint('uid', name=op.f('uq_commitment_assessments_uid'))
    )
    op.create_table('questions',
    sa.Column('reference', sa.String(length=60), nullable=True),
    sa.Column('type', sa.String(length=12), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('question_text', sa.Text(), nullable=False),
    sa.Column('asked_by_id', sa.Integer(), nullable=True),
    sa.Column('addressed_to_id', sa.Integer(), nullable=True),
    sa.Column('date_tabled', sa.Date(), nullable=True),
    sa.Column('answer_due', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('holding_answer_date', sa.Date(), nullable=True),
    sa.Column('answer_text', sa.Text(), nullable=False),
    sa.Column('date_answered', sa.Date(), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('assessment', sa.String(length=16), nullable=True),
    sa.Column('pillar_number', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.Column('confidentiality', sa.String(length=12), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("assessment IS NULL OR assessment IN ('satisfactory', 'partial', 'unsatisfactory', 'no_answer')", name=op.f('ck_questions_assessment_valid')),
    sa.CheckConstraint("confidentiality IN ('public', 'committee', 'restricted')", name=op.f('ck_questions_confidentiality_valid')),
    sa.CheckConstraint("status <> 'answered' OR length(answer_text) > 0", name=op.f('ck_questions_answered_has_answer')),
    sa.CheckConstraint("status = 'draft' OR date_tabled IS NOT NULL", name=op.f('ck_questions_tabled_has_date')),
    sa.CheckConstraint("status IN ('draft', 'tabled', 'holding_answer', 'answered', 'withdrawn', 'closed')", name=op.f('ck_questions_status_valid')),
    sa.CheckConstraint("type IN ('written', 'oral', 'urgent', 'committee')", name=op.f('ck_questions_type_valid')),
    sa.CheckConstraint('answer_due IS NULL OR date_tabled IS NULL OR answer_due >= date_tabled', name=op.f('ck_questions_answer_due_not_before_date_tabled')),
    sa.CheckConstraint('date_answered IS NULL OR date_tabled IS NULL OR date_answered >= date_tabled', name=op.f('ck_questions_date_answered_not_before_date_tabled')),
    sa.ForeignKeyConstraint(['addressed_to_id'], ['bodies.id'], name=op.f('fk_questions_addressed_to_id_bodies'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['answered_by_id'], ['people.id'], name=op.f('fk_questions_answered_by_id_people'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['asked_by_id'], ['people.id'], name=op.f('fk_questions_asked_by_id_people'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['pillar_number'], ['pillars.number'], name=op.f('fk_questions_pillar_number_pillars'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questions')),
    sa.UniqueConstraint('reference', name=op.f('uq_questions_reference')),
    sa.UniqueConstraint('uid', name=op.f('uq_questions_uid'))
    )
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_questions_addressed_to_id'), ['addressed_to_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_questions_answer_due'), ['answer_due'], unique=False)
        batch_op.create_index(batch_op.f('ix_questions_answered_by_id'), ['answered_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_questions_asked_by_id'), ['asked_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_questions_date_tabled'), ['date_tabled'], unique=False)
        batch_op.create_index('ix_questions_status_answer_due', ['status', 'answer_due'], unique=False)
        batch_op.create_index(batch_op.f('ix_questions_title'), ['title'], unique=False)

    op.create_table('follow_ups',
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=True),
    sa.Column('budget_item_id', sa.Integer(), nullable=True),
    sa.Column('debate_id', sa.Integer(), nullable=True),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('owner_body_id', sa.Integer(), nullable=True),
    sa.Column('owner_person_id', sa.Integer(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('completed_on', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.Column('confidentiality', sa.String(length=12), nullable=False),
    sa.Column('tags', sa.JSON(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("confidentiality IN ('public', 'committee', 'restricted')", name=op.f('ck_follow_ups_confidentiality_valid')),
    sa.CheckConstraint("kind IN ('government_undertaking', 'committee_action', 'recommendation')", name=op.f('ck_follow_ups_kind_valid')),
    sa.CheckConstraint("status <> 'done' OR completed_on IS NOT NULL", name=op.f('ck_follow_ups_done_has_date')),
    sa.CheckConstraint("status IN ('open', 'in_progress', 'done', 'dropped')", name=op.f('ck_follow_ups_status_valid')),
    sa.CheckConstraint('(question_id IS NOT NULL) + (budget_item_id IS NOT NULL) + (debate_id IS NOT NULL) + (agenda_item_id IS NOT NULL) <= 1', name=op.f('ck_follow_ups_one_parent')),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'], name=op.f('fk_follow_ups_agenda_item_id_agenda_items'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['budget_item_id'], ['budget_items.id'], name=op.f('fk_follow_ups_budget_item_id_budget_items'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['debate_id'], ['debates.id'], name=op.f('fk_follow_ups_debate_id_debates'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['owner_body_id'], ['bodies.id'], name=op.f('fk_follow_ups_owner_body_id_bodies'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['owner_person_id'], ['people.id'], name=op.f('fk_follow_ups_owner_person_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_follow_ups_question_id_questions'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_ups')),
    sa.UniqueConstraint('uid', name=op.f('uq_follow_ups_uid'))
    )
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_ups_owner_body_id'), ['owner_body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_ups_question_id'), ['question_id'], unique=False)
        batch_op.create_index('ix_follow_ups_status_due_date', ['status', 'due_date'], unique=False)

    op.create_table('question_commitments',
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('commitment_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_question_commitments_commitment_id_commitments'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_question_commitments_question_id_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('question_id', 'commitment_id', name=op.f('pk_question_commitments'))
    )
    with op.batch_alter_table('question_commitments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_commitments_commitment_id'), ['commitment_id'], unique=False)

    op.create_table('question_instruments',
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('instrument_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['instrument_id'], ['instruments.id'], name=op.f('fk_question_instruments_instrument_id_instruments'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_question_instruments_question_id_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('question_id', 'instrument_id', name=op.f('pk_question_instruments'))
    )
    with op.batch_alter_table('question_instruments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_instruments_instrument_id'), ['instrument_id'], unique=False)

    op.create_table('question_risk_factors',
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('risk_factor_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_question_risk_factors_question_id_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['risk_factor_id'], ['risk_factors.id'], name=op.f('fk_question_risk_factors_risk_factor_id_risk_factors'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('question_id', 'risk_factor_id', name=op.f('pk_question_risk_factors'))
    )
    with op.batch_alter_table('question_risk_factors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_question_risk_factors_risk_factor_id'), ['risk_factor_id'], unique=False)

    op.create_table('agenda_item_links',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=True),
    sa.Column('budget_item_id', sa.Integer(), nullable=True),
    sa.Column('follow_up_id', sa.Integer(), nullable=True),
    sa.Column('commitment_id', sa.Integer(), nullable=True),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.CheckConstraint('(question_id IS NOT NULL) + (budget_item_id IS NOT NULL) + (follow_up_id IS NOT NULL) + (commitment_id IS NOT NULL) + (document_id IS NOT NULL) = 1', name=op.f('ck_agenda_item_links_one_target')),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'], name=op.f('fk_agenda_item_links_agenda_item_id_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['budget_item_id'], ['budget_items.id'], name=op.f('fk_agenda_item_links_budget_item_id_budget_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['commitment_id'], ['commitments.id'], name=op.f('fk_agenda_item_links_commitment_id_commitments'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_agenda_item_links_document_id_documents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['follow_up_id'], ['follow_ups.id'], name=op.f('fk_agenda_item_links_follow_up_id_follow_ups'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_agenda_item_links_question_id_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item_links'))
    )
    with op.batch_alter_table('agenda_item_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_item_links_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_item_links_question_id'), ['question_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('agenda_item_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_item_links_question_id'))
        batch_op.drop_index(batch_op.f('ix_agenda_item_links_agenda_item_id'))

    op.drop_table('agenda_item_links')
    with op.batch_alter_table('question_risk_factors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_risk_factors_risk_factor_id'))

    op.drop_table('question_risk_factors')
    with op.batch_alter_table('question_instruments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_instruments_instrument_id'))

    op.drop_table('question_instruments')
    with op.batch_alter_table('question_commitments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_question_commitments_commitment_id'))

    op.drop_table('question_commitments')
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_index('ix_follow_ups_status_due_date')
        batch_op.drop_index(batch_op.f('ix_follow_ups_question_id'))
        batch_op.drop_index(batch_op.f('ix_follow_ups_owner_body_id'))

    op.drop_table('follow_ups')
    with op.batch_alter_table('questions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_questions_title'))
        batch_op.drop_index('ix_questions_status_answer_due')
        batch_op.drop_index(batch_op.f('ix_questions_date_tabled'))
        batch_op.drop_index(batch_op.f('ix_questions_asked_by_id'))
        batch_op.drop_index(batch_op.f('ix_questions_answered_by_id'))
        batch_op.drop_index(batch_op.f('ix_questions_answer_due'))
        batch_op.drop_index(batch_op.f('ix_questions_addressed_to_id'))

    op.drop_table('questions')
    op.drop_table('commitment_assessments')
    with op.batch_alter_table('budget_item_commitments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_item_commitments_commitment_id'))

    op.drop_table('budget_item_commitments')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_people_full_name'))
        batch_op.drop_index(batch_op.f('ix_people_body_id'))

    op.drop_table('people')
    op.drop_table('instrument_statuses')
    op.drop_table('documents')
    op.drop_table('commitments')
    with op.batch_alter_table('budget_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_budget_items_fiscal_year'))
        batch_op.drop_index(batch_op.f('ix_budget_items_body_id'))

    op.drop_table('budget_items')
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_items_debate_id'))

    op.drop_table('agenda_items')
    op.drop_table('sources')
    op.drop_table('risk_factors')
    op.drop_table('pillars')
    op.drop_table('instruments')
    with op.batch_alter_table('debates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_debates_date'))

    op.drop_table('debates')
    op.drop_table('bodies')
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entries_record_uid'))

    op.drop_table('audit_entries')
