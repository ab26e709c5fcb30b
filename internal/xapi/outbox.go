package xapi

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// pending returns up to n statements waiting for the LRS, oldest first.
func (s *Store) pending(ctx context.Context, n int) ([]statementRow, error) {
	var rows []statementRow
	err := s.conn(ctx).Select("id", "statement").Where("delivery = ?", Pending).
		Order("created_at, id").Limit(n).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("pending xapi statements: %w", err)
	}
	return rows, nil
}

// settle writes what became of a batch, in one transaction: every statement posted counts
// an attempt; the sent and rejected ones leave the outbox.
func (s *Store) settle(ctx context.Context, batch []statementRow, o outcome) error {
	now := s.now()
	return s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		err := tx.Model(&statementRow{}).Where("id IN ? AND delivery = ?", ids(batch), Pending).
			Update("attempts", gorm.Expr("attempts + 1")).Error
		if err != nil {
			return err
		}
		if len(o.sent) > 0 {
			err := tx.Model(&statementRow{}).Where("id IN ? AND delivery = ?", o.sent, Pending).
				Updates(map[string]any{"delivery": Sent, "sent_at": now, "error": ""}).Error
			if err != nil {
				return err
			}
		}
		for id, msg := range o.rejected {
			err := tx.Model(&statementRow{}).Where("id = ? AND delivery = ?", id, Pending).
				Updates(map[string]any{"delivery": Rejected, "error": msg}).Error
			if err != nil {
				return err
			}
		}
		return nil
	})
}

// DeliveryCounts counts statements by delivery state ("" for those not for delivery).
func (s *Store) DeliveryCounts(ctx context.Context) (map[string]int64, error) {
	var rows []struct {
		Delivery *string
		N        int64
	}
	err := s.conn(ctx).Model(&statementRow{}).Select("delivery, COUNT(*) AS n").Group("delivery").Scan(&rows).Error
	out := map[string]int64{}
	for _, r := range rows {
		key := ""
		if r.Delivery != nil {
			key = *r.Delivery
		}
		out[key] = r.N
	}
	return out, err
}
