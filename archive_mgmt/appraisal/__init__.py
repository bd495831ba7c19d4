"""Appraisal (鉴定): holds, destruction batches and their register, declassification and opening."""
